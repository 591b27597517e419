using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Concord.Web.Features.Ledger;

/// <summary>
/// What is sealed in the chain for one ledger entry. <paramref name="Kind"/> and <paramref name="Author"/>
/// are stable codes or ids (for example "meeting" and the user's id), not display text that might be
/// renamed later, because any change to them breaks verification. <paramref name="Id"/> is sealed too, so
/// that a correction's <paramref name="CorrectsEntryId"/> cannot be redirected by swapping ids.
/// </summary>
public sealed record LedgerEntryContent(
    Guid Id,
    long Sequence,
    string Kind,
    DateOnly Date,
    string Summary,
    IReadOnlyCollection<string> Participants,
    IReadOnlyList<string> Promises,
    Guid? CorrectsEntryId,
    string Author,
    DateTimeOffset RecordedAt);

/// <summary>An entry as stored: its content, the hash of the entry before it, and its own hash.</summary>
public sealed record ChainedEntry(LedgerEntryContent Content, string PreviousHash, string Hash);

public enum LedgerProblem
{
    ContentChanged,
    ChainBroken,
    SequenceGap,
}

/// <summary>The result of <see cref="LedgerChain.Verify"/>: intact, or the first entry that fails.</summary>
public sealed record LedgerVerification(int EntriesChecked, ChainedEntry? FirstBadEntry, LedgerProblem? Problem, string Message)
{
    public bool IsIntact => FirstBadEntry is null;
}

/// <summary>
/// Tamper-evident hash chain for one partnership's append-only communications ledger. Each entry's hash
/// covers its content and the previous entry's hash, so editing, removing or reordering any entry is
/// detected at that entry. A chain can still be rewritten from the tampered entry onwards by someone
/// who recomputes every later hash; publishing the latest hash (for example in the agreement or the
/// steering group minutes) is what makes that visible.
/// </summary>
public static class LedgerChain
{
    /// <summary>The "previous hash" of a partnership's first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// PostgreSQL keeps microseconds and .NET keeps ticks (tenths of a microsecond). Truncate before
    /// storing and hashing so that the value read back from either database hashes the same.
    /// </summary>
    public static DateTimeOffset NormaliseRecordedAt(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    /// <summary>
    /// The exact text that is hashed. Versioned, one field per line in a fixed order, and every value
    /// written as "name:length:value" (length in UTF-8 bytes) so no value can imitate a field boundary,
    /// whatever it contains. Deliberately not JSON: a serialiser's escaping rules may change between
    /// .NET versions, and the hash of an entry written today must still verify in ten years.
    /// Participants are sorted (their order carries no meaning); promises keep their order (it does).
    /// </summary>
    public static string Canonical(LedgerEntryContent c, string previousHash)
    {
        var sb = new StringBuilder("concord-ledger-v1\n");
        Field(sb, "id", c.Id.ToString("D"));
        Field(sb, "sequence", c.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(sb, "kind", c.Kind);
        Field(sb, "date", c.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Field(sb, "summary", c.Summary);
        List(sb, "participants", c.Participants.Order(StringComparer.Ordinal));
        List(sb, "promises", c.Promises);
        Field(sb, "corrects", c.CorrectsEntryId?.ToString("D") ?? "");
        Field(sb, "author", c.Author);
        Field(sb, "recorded-at", NormaliseRecordedAt(c.RecordedAt).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(sb, "previous", previousHash);
        return sb.ToString();
    }

    /// <summary>SHA-256 of the canonical text, as 64 lower-case hex digits.</summary>
    public static string ComputeHash(LedgerEntryContent content, string previousHash) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(content, previousHash))));

    /// <summary>Seals a new entry after <paramref name="last"/> (null for the first entry, which must be
    /// sequence 1). Throws when the sequence does not follow on, as that is a programming error.</summary>
    public static ChainedEntry Append(ChainedEntry? last, LedgerEntryContent content)
    {
        var expected = (last?.Content.Sequence ?? 0) + 1;
        if (content.Sequence != expected)
        {
            throw new ArgumentException($"The next ledger entry must have sequence {expected}, not {content.Sequence}.", nameof(content));
        }

        var previous = last?.Hash ?? GenesisHash;
        return new ChainedEntry(content, previous, ComputeHash(content, previous));
    }

    /// <summary>
    /// Checks a whole chain, given in sequence order from entry 1. For each entry, in this order:
    /// its sequence follows on from the one before (a gap means entries were removed); its previous
    /// hash matches the stored hash of the entry before (otherwise entries were removed, inserted or
    /// re-sealed); and its stored hash matches its content (otherwise the content was changed).
    /// </summary>
    public static LedgerVerification Verify(IEnumerable<ChainedEntry> entriesInSequenceOrder)
    {
        var walk = new Walk();
        foreach (var entry in entriesInSequenceOrder)
        {
            if (walk.Step(entry) is { } bad)
            {
                return bad;
            }
        }

        return walk.Intact();
    }

    /// <summary>The same check over entries read one at a time from the database, so a long ledger is never held in memory.</summary>
    public static async Task<LedgerVerification> VerifyAsync(IAsyncEnumerable<ChainedEntry> entriesInSequenceOrder, CancellationToken ct)
    {
        var walk = new Walk();
        await foreach (var entry in entriesInSequenceOrder.WithCancellation(ct))
        {
            if (walk.Step(entry) is { } bad)
            {
                return bad;
            }
        }

        return walk.Intact();
    }

    private sealed class Walk
    {
        private int checkedCount;
        private ChainedEntry? previous;

        public LedgerVerification? Step(ChainedEntry entry)
        {
            checkedCount++;
            var expectedSequence = (previous?.Content.Sequence ?? 0) + 1;
            var expectedPrevious = previous?.Hash ?? GenesisHash;

            if (entry.Content.Sequence != expectedSequence)
            {
                return Bad(checkedCount, entry, LedgerProblem.SequenceGap,
                    $"Entry {entry.Content.Sequence} is out of sequence: entry {expectedSequence} was expected. Entries may have been removed.");
            }

            if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return Bad(checkedCount, entry, LedgerProblem.ChainBroken,
                    $"Entry {entry.Content.Sequence} does not follow on from the entry before it. The ledger has been altered at or before this entry.");
            }

            if (!string.Equals(entry.Hash, ComputeHash(entry.Content, entry.PreviousHash), StringComparison.Ordinal))
            {
                return Bad(checkedCount, entry, LedgerProblem.ContentChanged,
                    $"Entry {entry.Content.Sequence} has been changed since it was recorded.");
            }

            previous = entry;
            return null;
        }

        public LedgerVerification Intact() => new(checkedCount, null, null,
            checkedCount switch
            {
                0 => "The ledger has no entries yet.",
                1 => "The one entry is intact.",
                _ => $"All {checkedCount} entries are intact.",
            });
    }

    private static LedgerVerification Bad(int count, ChainedEntry entry, LedgerProblem problem, string message) =>
        new(count, entry, problem, message);

    private static void Field(StringBuilder sb, string name, string value) =>
        sb.Append(name).Append(':').Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture))
            .Append(':').Append(value).Append('\n');

    private static void List(StringBuilder sb, string name, IEnumerable<string> values)
    {
        var items = values.ToList();
        sb.Append(name).Append(':').Append(items.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var item in items)
        {
            Field(sb, "-", item);
        }
    }
}
