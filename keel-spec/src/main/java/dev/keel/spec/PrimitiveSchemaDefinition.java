package dev.keel.spec;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The schema of one field of an elicitation form: a string, a number, a boolean, or an enum of
 * strings to pick one or several of. Several kinds share a {@code type}, so Keel tells them apart by
 * their other keywords:
 *
 * <ul>
 *   <li>{@code "string"} with {@code oneOf}: {@link TitledSingleSelectEnumSchema}; with {@code enum} and
 *       {@code enumNames}: {@link LegacyTitledEnumSchema}; with {@code enum} alone:
 *       {@link UntitledSingleSelectEnumSchema}; otherwise {@link StringSchema};
 *   <li>{@code "number"} or {@code "integer"}: {@link NumberSchema};
 *   <li>{@code "boolean"}: {@link BooleanSchema};
 *   <li>{@code "array"} with {@code items.anyOf}: {@link TitledMultiSelectEnumSchema}; otherwise
 *       {@link UntitledMultiSelectEnumSchema}.
 * </ul>
 *
 * <p>Elicitation arrived in 2025-06-18 with strings, numbers, booleans and the enum that is now
 * {@link LegacyTitledEnumSchema}; 2025-11-25 added defaults and the titled and multi-select enums.
 */
@JsonDeserialize(using = PrimitiveSchemaDefinitionDeserializer.class)
public sealed interface PrimitiveSchemaDefinition permits StringSchema, NumberSchema, BooleanSchema,
        UntitledSingleSelectEnumSchema, TitledSingleSelectEnumSchema, UntitledMultiSelectEnumSchema,
        TitledMultiSelectEnumSchema, LegacyTitledEnumSchema {

    /** The JSON Schema {@code type}: {@code string}, {@code number}, {@code integer}, {@code boolean} or {@code array}. */
    String type();

    /** A display name, or {@code null}. */
    String title();

    /** A description, or {@code null}. */
    String description();
}
