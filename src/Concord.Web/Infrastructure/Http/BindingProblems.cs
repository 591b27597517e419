using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Concord.Web.Infrastructure.Http;

/// <summary>
/// Minimal APIs refuse a value they cannot read (a query value that is not a date, a body that is not JSON, a missing body)
/// by throwing <see cref="BadHttpRequestException"/> with a message written for developers of the server ("Failed to bind
/// parameter "Nullable&lt;DateOnly&gt; from"…", "The JSON value could not be converted to System.Nullable`1[…]"). This turns
/// each into a sentence for the API's user that names the value and says what it must be, with no .NET type names.
/// </summary>
public static partial class BindingProblems
{
    /// <summary>The title and detail of the 400 problem for a binding failure.</summary>
    public static (string Title, string Detail) Describe(BadHttpRequestException exception, HttpContext? context = null)
    {
        if (exception.InnerException is JsonException json)
        {
            var title = Conversion().IsMatch(json.Message) ? "A value in the request body is not in the right form" : "The request body is not valid JSON";
            return (title, DescribeJson(json, BodyFieldType(exception, json, context)));
        }

        var message = exception.Message;
        if (BindFailed().Match(message) is { Success: true } failed)
        {
            var name = failed.Groups["name"].Value;
            return ($"'{name}' is not in the right form", $"'{name}' must be {Expected(failed.Groups["type"].Value)}.");
        }

        if (message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            return ("The request body is missing", "Send the request body as JSON with Content-Type: application/json.");
        }

        if (NotProvided().Match(message) is { Success: true } missing)
        {
            var name = missing.Groups["name"].Value;
            return ($"'{name}' is missing", $"Send '{name}': it must be {Expected(missing.Groups["type"].Value)}.");
        }

        return ("Bad request", "The request could not be read.");
    }

    private static string DescribeJson(JsonException json, Type? fieldType)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? null : JsonPathToField(json.Path);
        if (Conversion().Match(json.Message) is { Success: true } conversion)
        {
            var expected = fieldType is not null ? Expected(fieldType) : Expected(conversion.Groups["type"].Value);
            return field is null ? $"The body must be {expected}." : $"'{field}' must be {expected}.";
        }

        var where = json.LineNumber is { } line ? $" (line {line + 1}, position {(json.BytePositionInLine ?? 0) + 1})" : "";
        return field is null
            ? $"The body is not valid JSON{where}."
            : $"The body is not valid JSON at '{field}'{where}.";
    }

    /// <summary>The .NET type of the field the JSON path names, found from the endpoint's body parameter.</summary>
    private static Type? BodyFieldType(BadHttpRequestException exception, JsonException json, HttpContext? context)
    {
        // The exception handler clears the request's endpoint before it runs; the feature keeps the one that failed.
        var endpoint = context?.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? context?.GetEndpoint();
        var method = endpoint?.Metadata.GetMetadata<MethodInfo>();
        if (method is null || string.IsNullOrEmpty(json.Path) || BodyParameter().Match(exception.Message) is not { Success: true } body)
        {
            return null;
        }

        var type = method.GetParameters().FirstOrDefault(p => p.Name == body.Groups["name"].Value)?.ParameterType;
        foreach (var segment in json.Path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            type = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal) && type is not null)
            {
                type = ElementType(type);
            }
        }

        return type;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType() : type.IsGenericType ? type.GetGenericArguments()[^1] : null;

    /// <summary>What a value of <paramref name="type"/> looks like, in words.</summary>
    public static string Expected(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(inner));
        }

        return inner != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(inner) ? "a list" : Expected(inner.Name);
    }

    private static string JsonPathToField(string path) =>
        path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>What a value of the named type looks like, in words. The name is .NET's (short, generic or reflection form).</summary>
    public static string Expected(string typeName)
    {
        var name = typeName.Trim();
        foreach (var wrapper in new[] { "Nullable<", "System.Nullable`1[" })
        {
            if (name.StartsWith(wrapper, StringComparison.Ordinal))
            {
                name = name[wrapper.Length..^1];
            }
        }

        name = name.Trim('[', ']');
        // Assembly-qualified generic arguments ("System.Int32, System.Private.CoreLib, Version=…"): the type is before the comma.
        name = name.Split(',')[0].Trim();
        var isList = name.Contains("List", StringComparison.Ordinal) || name.Contains("Enumerable", StringComparison.Ordinal) ||
                     name.EndsWith("[]", StringComparison.Ordinal) || name.Contains("Collection", StringComparison.Ordinal);
        if (isList)
        {
            return "a list";
        }

        var simple = name.Contains('.', StringComparison.Ordinal) ? name[(name.LastIndexOf('.') + 1)..] : name;
        simple = simple.Contains('+', StringComparison.Ordinal) ? simple[(simple.LastIndexOf('+') + 1)..] : simple;
        return simple switch
        {
            "DateOnly" => "a date written as yyyy-mm-dd",
            "DateTimeOffset" or "DateTime" => "a date and time written as yyyy-mm-ddThh:mm:ssZ",
            "TimeOnly" => "a time written as hh:mm",
            "Guid" => "an id (a GUID such as 0190a5b2-7c1e-7d3f-9a4b-1c2d3e4f5a6b)",
            "int" or "Int32" or "long" or "Int64" or "short" or "Int16" => "a whole number",
            "decimal" or "Decimal" or "double" or "Double" or "float" or "Single" => "a number",
            "bool" or "Boolean" => "true or false",
            "string" or "String" => "text",
            _ => EnumWords(simple) is { } words ? "one of " + words : "a value of the right kind",
        };
    }

    private static string? EnumWords(string name)
    {
        var type = typeof(BindingProblems).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && t.Name == name);
        return type is null ? null : string.Join(", ", Enum.GetNames(type));
    }

    [GeneratedRegex("^Failed to bind parameter \"(?<type>.+) (?<name>[^ \"]+)\" from", RegexOptions.CultureInvariant)]
    private static partial Regex BindFailed();

    [GeneratedRegex("^Required parameter \"(?<type>.+) (?<name>[^ \"]+)\" was not provided", RegexOptions.CultureInvariant)]
    private static partial Regex NotProvided();

    [GeneratedRegex("parameter \"(?<type>.+) (?<name>[^ \"]+)\" from the request body", RegexOptions.CultureInvariant)]
    private static partial Regex BodyParameter();

    [GeneratedRegex("could not be converted to (?<type>.+?)\\. Path:", RegexOptions.CultureInvariant)]
    private static partial Regex Conversion();
}
