using System.Security.Cryptography;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Concord.Web.Features.Agreements;

public enum LineChange
{
    Unchanged,
    Added,
    Removed,
}

/// <summary>One line of a comparison, for display: removed lines come before the lines that replace them.</summary>
public sealed record AgreementLine(LineChange Change, string Text);

public static class AgreementText
{
    /// <summary>
    /// Line endings as stored and hashed. Browsers submit textarea content with CRLF, pasted text may
    /// carry CR or LF, and git or editors may convert either way. People signing see the same words
    /// in every case, so the hash must not change with invisible line-ending bytes, or a signature
    /// would appear broken when nothing a person could read was changed. Nothing else is altered:
    /// spaces, blank lines, a final line break and Unicode forms all count, because they are what was
    /// written and what was shown.
    /// </summary>
    public static string Normalise(string text) => text.ReplaceLineEndings("\n");

    /// <summary>SHA-256 of the UTF-8 bytes of the normalised text, as 64 lower-case hex digits.
    /// Store it with each version and with each signature: a signature is for this exact hash.</summary>
    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(text))));

    /// <summary>Line-by-line comparison of two versions, after normalising line endings. Whitespace and
    /// case are significant, since they are in the hash too.</summary>
    public static IReadOnlyList<AgreementLine> Compare(string oldText, string newText)
    {
        var (before, after) = (Normalise(oldText), Normalise(newText));
        var model = InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false, ignoreCase: false);
        var lines = model.Lines
            .Where(l => l.Type != ChangeType.Imaginary)
            .Select(l => new AgreementLine(
                l.Type switch
                {
                    ChangeType.Inserted => LineChange.Added,
                    ChangeType.Deleted => LineChange.Removed,
                    _ => LineChange.Unchanged,
                },
                l.Text ?? ""))
            .ToList();

        // A final line break ends the last line rather than starting an empty one. When only one
        // version has it, the extra empty line stays, so the change that altered the hash is visible.
        if (before.EndsWith('\n') && after.EndsWith('\n') && lines is [.., { Change: LineChange.Unchanged, Text: "" }])
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
