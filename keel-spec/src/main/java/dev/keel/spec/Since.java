package dev.keel.spec;

/**
 * Jackson views, one per protocol revision, each extending the one before: a property annotated
 * {@code @JsonView(Since.R2025_06_18.class)} is written for 2025-06-18 and every later revision, and
 * left out for earlier ones. Properties without a view exist in every revision.
 *
 * @see ProtocolVersion#view()
 */
public final class Since {

    private Since() {
    }

    /** Present since 2024-11-05, the first revision. */
    public interface R2024_11_05 {
    }

    /** Present since 2025-03-26. */
    public interface R2025_03_26 extends R2024_11_05 {
    }

    /** Present since 2025-06-18. */
    public interface R2025_06_18 extends R2025_03_26 {
    }

    /** Present since 2025-11-25. */
    public interface R2025_11_25 extends R2025_06_18 {
    }

    /** Present since 2026-07-28, the first stateless ("modern") revision. */
    public interface R2026_07_28 extends R2025_11_25 {
    }
}
