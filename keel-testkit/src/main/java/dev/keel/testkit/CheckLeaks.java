package dev.keel.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test class that leaves threads running or file descriptors open once all of its tests and
 * {@code @AfterAll} methods have run: {@link LeakCheck}. Put it on a class that starts servers, clients
 * or executors; it is inherited by subclasses.
 *
 * <pre>{@code
 * @CheckLeaks
 * class HttpTransportTest {
 *     // every server a test starts is stopped in @AfterEach, every client closed
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@ExtendWith(LeakCheck.class)
public @interface CheckLeaks {
}
