using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Concord.Web.Infrastructure.OpenApi;

/// <summary>
/// One rule for every schema in the document, so no endpoint has to describe its own body:
/// <list type="bullet">
/// <item>a property is <c>required</c> when its C# type is not nullable (and its constructor parameter has no default), or
/// it carries <c>[Required]</c>; a nullable property is optional (leaving it out means "not given");</item>
/// <item>enums are strings (the API writes and reads enum words, never numbers);</item>
/// <item>numbers are numbers (the serializer also reads "5" as 5, but clients should send numbers);</item>
/// <item><c>[MaxLength]</c>, <c>[MinLength]</c>, <c>[StringLength]</c>, <c>[Length]</c>, <c>[Range]</c> and
/// <c>[AllowedValues]</c> on a property or its record constructor parameter become <c>maxLength</c>, <c>minLength</c>,
/// <c>maxItems</c>, <c>minimum</c>, <c>maximum</c> and <c>enum</c>.</item>
/// </list>
/// </summary>
public static class SchemaContract
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum && schema.Enum is { Count: > 0 })
        {
            // The enum's words only: where a property may be null, the property says so (oneOf null or the enum), so the
            // shared enum schema never accepts null itself (oneOf branches must not overlap).
            schema.Enum = [.. schema.Enum.Where(v => v is not null)];
            schema.Type = JsonSchemaType.String;
        }

        StrictNumbers(schema);

        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            var required = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                if (!schema.Properties.TryGetValue(property.Name, out var propertySchema))
                {
                    continue;
                }

                var attributes = AttributesOf(property);
                if (IsRequired(property, attributes))
                {
                    required.Add(property.Name);
                }

                if (propertySchema is OpenApiSchema concrete)
                {
                    StrictNumbers(concrete);
                    ApplyLimits(concrete, attributes);
                }
            }

            schema.Required = required;
        }

        return Task.CompletedTask;
    }

    private static bool IsRequired(JsonPropertyInfo property, List<Attribute> attributes)
    {
        if (property.IsRequired || attributes.OfType<RequiredAttribute>().Any())
        {
            return true;
        }

        if (property.AssociatedParameter is { HasDefaultValue: true })
        {
            return false;
        }

        var nullable = property.PropertyType.IsValueType
            ? Nullable.GetUnderlyingType(property.PropertyType) is not null
            : property.IsGetNullable || property.IsSetNullable || property.AssociatedParameter?.IsNullable == true;
        return !nullable;
    }

    private static List<Attribute> AttributesOf(JsonPropertyInfo property)
    {
        var found = new List<Attribute>();
        if (property.AttributeProvider is { } member)
        {
            found.AddRange(member.GetCustomAttributes(inherit: true).OfType<Attribute>());
        }

        if (property.AssociatedParameter?.AttributeProvider is ParameterInfo parameter)
        {
            found.AddRange(parameter.GetCustomAttributes(inherit: true).OfType<Attribute>());
        }

        return found;
    }

    private static void ApplyLimits(OpenApiSchema schema, List<Attribute> attributes)
    {
        var isArray = schema.Type?.HasFlag(JsonSchemaType.Array) == true;
        foreach (var attribute in attributes)
        {
            switch (attribute)
            {
                case MaxLengthAttribute max when max.Length > 0:
                    if (isArray)
                    {
                        schema.MaxItems = max.Length;
                    }
                    else
                    {
                        schema.MaxLength = max.Length;
                    }

                    break;
                case MinLengthAttribute min:
                    if (isArray)
                    {
                        schema.MinItems = min.Length;
                    }
                    else
                    {
                        schema.MinLength = min.Length;
                    }

                    break;
                case StringLengthAttribute length:
                    schema.MaxLength = length.MaximumLength;
                    if (length.MinimumLength > 0)
                    {
                        schema.MinLength = length.MinimumLength;
                    }

                    break;
                case LengthAttribute length:
                    if (isArray)
                    {
                        schema.MinItems = length.MinimumLength;
                        schema.MaxItems = length.MaximumLength;
                    }
                    else
                    {
                        schema.MinLength = length.MinimumLength;
                        schema.MaxLength = length.MaximumLength;
                    }

                    break;
                case RangeAttribute range:
                    schema.Minimum = Invariant(range.Minimum);
                    schema.Maximum = Invariant(range.Maximum);
                    break;
                case AllowedValuesAttribute allowed:
                    schema.Enum = [.. allowed.Values.Select(v => v is null ? null! : (JsonNode)JsonValue.Create(Invariant(v) ?? ""))];
                    break;
            }
        }
    }

    /// <summary>The web serializer reads numbers written as strings too, so the generator allows both; the contract is a number.</summary>
    private static void StrictNumbers(OpenApiSchema schema)
    {
        if (schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)) && type.HasFlag(JsonSchemaType.String))
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
    }

    private static string? Invariant(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}
