using System.Collections;
using System.Text.Json;

namespace Concord.Web.Infrastructure.Writes;

/// <summary>
/// What a person got wrong in a form or a request body, by field. Keys are the input's property path in PascalCase
/// ("DueDate", "Promises[0].What"; "" for the form as a whole); messages are plain sentences without a closing full stop,
/// as the form shows them ("Enter a due date"). The first message for a field wins.
/// </summary>
public sealed class FieldErrors : IReadOnlyDictionary<string, string>
{
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    public FieldErrors Add(string field, string message)
    {
        if (errors.TryAdd(field, message.TrimEnd('.', ' ')))
        {
            order.Add(field);
        }

        return this;
    }

    public FieldErrors AddRange(IEnumerable<KeyValuePair<string, string>> more, string prefix = "")
    {
        foreach (var (field, message) in more)
        {
            Add(prefix.Length == 0 ? field : field.Length == 0 ? prefix : $"{prefix}.{field}", message);
        }

        return this;
    }

    public bool Any => errors.Count > 0;
    public int Count => errors.Count;
    public string this[string key] => errors[key];
    public IEnumerable<string> Keys => order;
    public IEnumerable<string> Values => order.Select(k => errors[k]);
    public bool ContainsKey(string key) => errors.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => errors.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        order.Select(k => new KeyValuePair<string, string>(k, errors[k])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The API's shape: camelCase JSON paths ("promises[0].ownerPartnerId"), each with its message.</summary>
    public Dictionary<string, string[]> ToProblemErrors() =>
        order.ToDictionary(JsonPath, k => new[] { errors[k] }, StringComparer.Ordinal);

    public static string JsonPath(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : JsonNamingPolicy.CamelCase.ConvertName(part)));
}
