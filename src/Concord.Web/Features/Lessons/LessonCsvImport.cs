using System.Globalization;
using System.Text;
using Concord.Web.Features.Partnerships;
using CsvHelper;

namespace Concord.Web.Features.Lessons;

/// <summary>A lesson read from one row of a CSV file, ready to be saved by the caller.</summary>
/// <param name="RowNumber">The row as a spreadsheet shows it: the header is row 1, the first lesson row 2.</param>
/// <param name="CategorySlug">The slug of the matched category, or null when the row had none.</param>
public sealed record ImportedLesson(
    int RowNumber,
    string Title,
    string? Context,
    string? WhatHappened,
    LessonKind Kind,
    string? Recommendation,
    string? CategorySlug,
    IReadOnlyList<string> Tags,
    PartnershipStage? Stage,
    string? Evidence,
    string? PartnershipName,
    DateOnly? Date);

/// <summary>One row of the preview: either a lesson or the reasons it cannot be imported.</summary>
public sealed record LessonImportRow(int RowNumber, ImportedLesson? Lesson, IReadOnlyList<string> Errors)
{
    public bool IsValid => Lesson is not null && Errors.Count == 0;
}

/// <summary>
/// What an import would do. Nothing has been saved. Save <see cref="Lessons"/> only when
/// <see cref="HasErrors"/> is false, so that a file is imported completely or not at all.
/// </summary>
public sealed record LessonImportPreview(
    IReadOnlyList<LessonImportRow> Rows,
    IReadOnlyList<string> FileErrors,
    IReadOnlyList<string> IgnoredColumns)
{
    public bool HasErrors => FileErrors.Count > 0 || Rows.Any(r => !r.IsValid);

    public IEnumerable<ImportedLesson> Lessons => Rows.Where(r => r.IsValid).Select(r => r.Lesson!);

    /// <summary>Every message, file errors first, then row errors in row order.</summary>
    public IEnumerable<string> AllErrors => FileErrors.Concat(Rows.SelectMany(r => r.Errors));
}

/// <summary>
/// Reads lessons from a CSV file as funders and partnerships keep them in spreadsheets. Headers are
/// matched ignoring case, spaces and punctuation, with a few common alternative names. The delimiter
/// (comma, semicolon or tab) is taken from the header row. Files that are not valid UTF-8 are read as
/// Windows-1252, which is what Excel writes for "CSV (Comma delimited)".
/// </summary>
public static class LessonCsvImport
{
    public const int MaxRows = 5000;
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 10_000;
    public const int MaxTagLength = 50;

    private enum Field
    {
        Title,
        Context,
        WhatHappened,
        Kind,
        Recommendation,
        Category,
        Tags,
        Stage,
        Evidence,
        Partnership,
        Date,
    }

    private static readonly Dictionary<Field, string> FieldNames = new()
    {
        [Field.Title] = "title",
        [Field.Context] = "context",
        [Field.WhatHappened] = "what happened",
        [Field.Kind] = "kind",
        [Field.Recommendation] = "recommendation",
        [Field.Category] = "category",
        [Field.Tags] = "tags",
        [Field.Stage] = "stage",
        [Field.Evidence] = "evidence",
        [Field.Partnership] = "partnership",
        [Field.Date] = "date",
    };

    private static readonly Field[] RequiredFields = [Field.Title, Field.Kind];

    // Keys are normalised (lower case letters and digits only).
    private static readonly Dictionary<string, Field> HeaderAliases = new(StringComparer.Ordinal)
    {
        ["title"] = Field.Title,
        ["lesson"] = Field.Title,
        ["lessontitle"] = Field.Title,
        ["heading"] = Field.Title,
        ["context"] = Field.Context,
        ["background"] = Field.Context,
        ["situation"] = Field.Context,
        ["whathappened"] = Field.WhatHappened,
        ["happened"] = Field.WhatHappened,
        ["description"] = Field.WhatHappened,
        ["details"] = Field.WhatHappened,
        ["lessondetails"] = Field.WhatHappened,
        ["kind"] = Field.Kind,
        ["type"] = Field.Kind,
        ["lessontype"] = Field.Kind,
        ["kindoflesson"] = Field.Kind,
        ["outcome"] = Field.Kind,
        ["recommendation"] = Field.Recommendation,
        ["recommendations"] = Field.Recommendation,
        ["werecommend"] = Field.Recommendation,
        ["advice"] = Field.Recommendation,
        ["nexttime"] = Field.Recommendation,
        ["category"] = Field.Category,
        ["theme"] = Field.Category,
        ["topic"] = Field.Category,
        ["tags"] = Field.Tags,
        ["tag"] = Field.Tags,
        ["keywords"] = Field.Tags,
        ["stage"] = Field.Stage,
        ["partnershipstage"] = Field.Stage,
        ["phase"] = Field.Stage,
        ["lifecyclestage"] = Field.Stage,
        ["evidence"] = Field.Evidence,
        ["source"] = Field.Evidence,
        ["evidencelink"] = Field.Evidence,
        ["partnership"] = Field.Partnership,
        ["partnershipname"] = Field.Partnership,
        ["project"] = Field.Partnership,
        ["projectname"] = Field.Partnership,
        ["date"] = Field.Date,
        ["daterecorded"] = Field.Date,
        ["dateadded"] = Field.Date,
        ["recorded"] = Field.Date,
        ["created"] = Field.Date,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"];

    /// <summary>Reads a CSV file. The stream is read to the end but not closed.</summary>
    /// <param name="categories">The network's taxonomy; a row's category may be given by name or slug.</param>
    public static LessonImportPreview Parse(Stream csv, IReadOnlyCollection<LessonCategory> categories, int maxRows = MaxRows)
    {
        using var buffer = new MemoryStream();
        csv.CopyTo(buffer);
        var bytes = buffer.ToArray();

        if (LooksBinary(bytes))
        {
            return FileError("This file is not a CSV file. In your spreadsheet choose Save as, pick 'CSV UTF-8 (comma delimited)', then upload that file.");
        }

        return Parse(Decode(bytes), categories, maxRows);
    }

    /// <summary>Reads CSV text that is already in memory.</summary>
    public static LessonImportPreview Parse(string csv, IReadOnlyCollection<LessonCategory> categories, int maxRows = MaxRows)
    {
        if (string.IsNullOrWhiteSpace(csv))
        {
            return FileError("The file is empty. Add a header row and at least one lesson, then upload it again.");
        }

        if (csv.Contains('\0', StringComparison.Ordinal))
        {
            return FileError("This file is not a CSV file. In your spreadsheet choose Save as, pick 'CSV UTF-8 (comma delimited)', then upload that file.");
        }

        var options = new CsvReaderOptions
        {
            Separator = DetectDelimiter(csv),
            HasHeader = true,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            MaxRecordSize = 1024 * 1024,
        };

        try
        {
            using var reader = CsvReader.FromText(csv, options);
            reader.ReadHeader();
            var header = reader.Headers.ToArray();
            if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
            {
                return FileError("The file is empty. Add a header row and at least one lesson, then upload it again.");
            }

            var (columns, ignored, headerErrors) = MapHeader(header);
            if (headerErrors.Count > 0)
            {
                return new LessonImportPreview([], headerErrors, ignored);
            }

            var resolver = new CategoryResolver(categories);
            var rows = new List<LessonImportRow>();
            while (reader.Read())
            {
                // As a spreadsheet numbers it: the header is row 1.
                var rowNumber = (int)reader.RowNumber + 1;
                var values = columns.ToDictionary(
                    c => c.Key,
                    c => c.Value < reader.FieldCount ? (reader.GetString(c.Value) ?? "").Trim() : "");
                if (values.Values.All(string.IsNullOrEmpty))
                {
                    continue;
                }

                if (rows.Count == maxRows)
                {
                    return new LessonImportPreview([], [$"The file has more than {maxRows:N0} lessons. Split it into files of up to {maxRows:N0} lessons and import each one."], ignored);
                }

                rows.Add(ParseRow(rowNumber, values, resolver));
            }

            return rows.Count == 0
                ? FileError("The file has a header row but no lessons. Add at least one lesson below the header, then upload it again.")
                : new LessonImportPreview(rows, [], ignored);
        }
        catch (CsvFormatException)
        {
            return FileError("The file could not be read as CSV. Check that it was saved as 'CSV UTF-8 (comma delimited)' and try again.");
        }
    }

    private static LessonImportRow ParseRow(int row, Dictionary<Field, string> values, CategoryResolver resolver)
    {
        var errors = new List<string>();
        string? Get(Field f) => values.TryGetValue(f, out var v) && v.Length > 0 ? v : null;

        string? Text(Field f, int max)
        {
            var v = Get(f);
            if (v is not null && v.Length > max)
            {
                errors.Add($"Row {row}: the {FieldNames[f]} is longer than {max:N0} characters – shorten it");
            }

            return v;
        }

        var title = Text(Field.Title, MaxTitleLength);
        if (title is null)
        {
            errors.Add($"Row {row}: enter a title");
        }

        var kind = LessonKind.Tip;
        var kindText = Get(Field.Kind);
        if (kindText is null)
        {
            errors.Add($"Row {row}: enter the kind of lesson – {LessonVocabulary.KindChoicesText}");
        }
        else if (!LessonVocabulary.TryParseKind(kindText, out kind))
        {
            errors.Add($"Row {row}: '{kindText}' is not a kind of lesson – use {LessonVocabulary.KindChoicesText}");
        }

        PartnershipStage? stage = null;
        if (Get(Field.Stage) is { } stageText)
        {
            if (LessonVocabulary.TryParseStage(stageText, out var parsedStage))
            {
                stage = parsedStage;
            }
            else
            {
                errors.Add($"Row {row}: '{stageText}' is not a partnership stage – use {LessonVocabulary.StageChoicesText}");
            }
        }

        string? categorySlug = null;
        if (Get(Field.Category) is { } categoryText)
        {
            categorySlug = resolver.Resolve(categoryText);
            if (categorySlug is null)
            {
                var hint = resolver.Closest(categoryText) is { } near ? $" – did you mean '{near}'?" : " – use a category from the lessons library or leave it blank";
                errors.Add($"Row {row}: category '{categoryText}' is not in the taxonomy{hint}");
            }
        }

        DateOnly? date = null;
        if (Get(Field.Date) is { } dateText)
        {
            if (DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDate))
            {
                date = parsedDate;
            }
            else
            {
                errors.Add($"Row {row}: '{dateText}' is not a date – write it as 31/01/2026 or 2026-01-31");
            }
        }

        var tags = new List<string>();
        if (Get(Field.Tags) is { } tagText)
        {
            foreach (var tag in tagText.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (tag.Length > MaxTagLength)
                {
                    errors.Add($"Row {row}: the tag '{tag[..20]}…' is longer than {MaxTagLength} characters – shorten it");
                }
                else if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    tags.Add(tag);
                }
            }
        }

        var lesson = new ImportedLesson(
            row,
            title ?? "",
            Text(Field.Context, MaxTextLength),
            Text(Field.WhatHappened, MaxTextLength),
            kind,
            Text(Field.Recommendation, MaxTextLength),
            categorySlug,
            tags,
            stage,
            Text(Field.Evidence, MaxTextLength),
            Text(Field.Partnership, MaxTitleLength),
            date);

        return errors.Count == 0 ? new LessonImportRow(row, lesson, []) : new LessonImportRow(row, null, errors);
    }

    private static (Dictionary<Field, int> Columns, List<string> Ignored, List<string> Errors) MapHeader(string[] header)
    {
        var columns = new Dictionary<Field, int>();
        var ignored = new List<string>();
        var errors = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            if (!HeaderAliases.TryGetValue(Normalise(name), out var field))
            {
                if (name.Length > 0)
                {
                    ignored.Add(name);
                }

                continue;
            }

            if (columns.TryGetValue(field, out var earlier))
            {
                errors.Add($"The columns '{header[earlier].Trim()}' and '{name}' both look like the {FieldNames[field]} – keep one of them and upload the file again.");
                continue;
            }

            columns[field] = i;
        }

        var missing = RequiredFields.Where(f => !columns.ContainsKey(f)).Select(f => FieldNames[f]).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join(" and ", missing.Select(m => $"'{m}'"));
            var needs = missing.Count == 1 ? $"a {list} column" : $"{list} columns";
            errors.Insert(0, $"The file needs {needs} in its first row. Check the header row, or download the template and copy your lessons into it.");
        }

        return (columns, ignored, errors);
    }

    private static LessonImportPreview FileError(string message) => new([], [message], []);

    private static string Normalise(string text) =>
        new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static bool LooksBinary(byte[] bytes)
    {
        // Excel workbooks (.xlsx) are zip files; old .xls files and PDFs have their own signatures.
        if (bytes.Length >= 4 && ((bytes[0] == 'P' && bytes[1] == 'K') || (bytes[0] == 0xD0 && bytes[1] == 0xCF) || (bytes[0] == '%' && bytes[1] == 'P')))
        {
            return true;
        }

        return bytes.Take(4096).Any(b => b == 0);
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes);
        }
    }

    private static char DetectDelimiter(string csv)
    {
        // Count candidates on the header line only, outside quotes. Tags inside rows often use ';'.
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in csv)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && counts.ContainsKey(c))
            {
                counts[c]++;
            }
        }

        var best = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key == ',' ? 0 : 1).First();
        return best.Value == 0 ? ',' : best.Key;
    }

    private sealed class CategoryResolver(IReadOnlyCollection<LessonCategory> categories)
    {
        private readonly Dictionary<string, string> _byKey = BuildKeys(categories);

        public string? Resolve(string text) => _byKey.GetValueOrDefault(Normalise(text));

        public string? Closest(string text)
        {
            var wanted = Normalise(text);
            return categories
                .Select(c => (c.Name, Distance: Candidates(c).Min(candidate => Levenshtein(wanted, candidate))))
                .Where(c => c.Distance <= Math.Max(2, wanted.Length / 4))
                .OrderBy(c => c.Distance)
                .ThenBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => c.Name)
                .FirstOrDefault();
        }

        // The whole name, the slug, and each run of leading words ("funding", "fundingand", …), so
        // that a misspelt first word still finds its category.
        private static IEnumerable<string> Candidates(LessonCategory category)
        {
            yield return Normalise(category.Slug);
            var words = category.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var n = 1; n <= words.Length; n++)
            {
                yield return Normalise(string.Concat(words.Take(n)));
            }
        }

        private static Dictionary<string, string> BuildKeys(IReadOnlyCollection<LessonCategory> categories)
        {
            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var c in categories)
            {
                keys.TryAdd(Normalise(c.Slug), c.Slug);
                keys.TryAdd(Normalise(c.Name), c.Slug);
            }

            return keys;
        }

        private static int Levenshtein(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
