using Concord.Web.Features.Ledger;

namespace Concord.Tests.Ledger;

public sealed class LedgerChainTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static LedgerEntryContent Content(long sequence, Guid? corrects = null) => new(
        Id: new Guid($"00000000-0000-0000-0000-{sequence:D12}"),
        Sequence: sequence,
        Kind: "meeting",
        Date: new DateOnly(2026, 11, 20).AddDays((int)sequence),
        Summary: $"Steering group meeting {sequence}: agreed the référral form.",
        Participants: ["zoe@library.example", "amir@school.example"],
        Promises: ["Library sends the form by Friday", "School books the hall"],
        CorrectsEntryId: corrects,
        Author: "user-42",
        RecordedAt: Noon.AddHours(sequence));

    private static List<ChainedEntry> Chain(int count)
    {
        var chain = new List<ChainedEntry>();
        for (var s = 1; s <= count; s++)
        {
            chain.Add(LedgerChain.Append(chain.LastOrDefault(), Content(s, corrects: s == 3 ? Content(1).Id : null)));
        }

        return chain;
    }

    private static readonly Dictionary<string, Func<LedgerEntryContent, LedgerEntryContent>> ContentChanges = new()
    {
        ["id"] = c => c with { Id = Guid.NewGuid() },
        ["kind"] = c => c with { Kind = "call" },
        ["date"] = c => c with { Date = c.Date.AddDays(1) },
        ["summary"] = c => c with { Summary = c.Summary + " " },
        ["summary case"] = c => c with { Summary = c.Summary.ToUpperInvariant() },
        ["participant added"] = c => c with { Participants = [.. c.Participants, "eve@example"] },
        ["participant removed"] = c => c with { Participants = [c.Participants.First()] },
        ["participant renamed"] = c => c with { Participants = ["zoe@library.example", "amir@school.example2"] },
        ["promise changed"] = c => c with { Promises = ["Library sends the form by Monday", "School books the hall"] },
        ["promises reordered"] = c => c with { Promises = [.. c.Promises.Reverse()] },
        ["promise removed"] = c => c with { Promises = [] },
        ["corrects set or cleared"] = c => c with { CorrectsEntryId = c.CorrectsEntryId is null ? Guid.NewGuid() : null },
        ["corrects redirected"] = c => c with { CorrectsEntryId = Guid.NewGuid() },
        ["author"] = c => c with { Author = "user-43" },
        ["recorded at"] = c => c with { RecordedAt = c.RecordedAt.AddSeconds(1) },
    };

    public static TheoryData<string, int> EveryContentChangeAtEveryEntry()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in ContentChanges.Keys)
        {
            for (var i = 0; i < 3; i++)
            {
                data.Add(name, i);
            }
        }

        return data;
    }

    [Fact]
    public void An_untouched_chain_verifies()
    {
        var result = LedgerChain.Verify(Chain(3));

        Assert.True(result.IsIntact);
        Assert.Equal(3, result.EntriesChecked);
        Assert.Equal("All 3 entries are intact.", result.Message);
    }

    [Fact]
    public void An_empty_ledger_verifies()
    {
        Assert.True(LedgerChain.Verify([]).IsIntact);
    }

    [Fact]
    public void The_first_entry_links_to_the_genesis_hash_and_each_entry_to_the_one_before()
    {
        var chain = Chain(3);

        Assert.Equal(LedgerChain.GenesisHash, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(chain[1].Hash, chain[2].PreviousHash);
        Assert.Matches("^[0-9a-f]{64}$", chain[2].Hash);
    }

    [Fact]
    public void The_canonical_form_is_stable_so_old_entries_keep_verifying()
    {
        // If this fails, the canonical form changed and every stored ledger would fail to verify.
        // Add a new version prefix instead of changing v1. The value was cross-checked with an
        // independent Python implementation of the documented format.
        Assert.Equal("3d1436af1176876f192986dfd130a936254a7bdff6c9e47f7f604fcafebd9084", LedgerChain.ComputeHash(Content(1), LedgerChain.GenesisHash));
    }

    [Theory]
    [MemberData(nameof(EveryContentChangeAtEveryEntry))]
    public void Changing_any_field_of_any_entry_is_detected_at_that_entry(string change, int index)
    {
        var chain = Chain(3);
        chain[index] = chain[index] with { Content = ContentChanges[change](chain[index].Content) };

        var result = LedgerChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Same(chain[index], result.FirstBadEntry);
        Assert.Equal(LedgerProblem.ContentChanged, result.Problem);
        Assert.Equal($"Entry {index + 1} has been changed since it was recorded.", result.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Changing_the_sequence_number_is_detected_at_that_entry(int index)
    {
        var chain = Chain(3);
        chain[index] = chain[index] with { Content = chain[index].Content with { Sequence = 7 } };

        var result = LedgerChain.Verify(chain);

        Assert.Same(chain[index], result.FirstBadEntry);
        Assert.Equal(LedgerProblem.SequenceGap, result.Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Changing_the_stored_previous_hash_is_detected_at_that_entry(int index)
    {
        var chain = Chain(3);
        chain[index] = chain[index] with { PreviousHash = new string('a', 64) };

        var result = LedgerChain.Verify(chain);

        Assert.Same(chain[index], result.FirstBadEntry);
        Assert.Equal(LedgerProblem.ChainBroken, result.Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Changing_the_stored_hash_is_detected_at_that_entry(int index)
    {
        var chain = Chain(3);
        chain[index] = chain[index] with { Hash = new string('b', 64) };

        var result = LedgerChain.Verify(chain);

        Assert.Same(chain[index], result.FirstBadEntry);
        Assert.Equal(LedgerProblem.ContentChanged, result.Problem);
    }

    [Fact]
    public void Re_sealing_a_changed_entry_breaks_the_link_from_the_next_entry()
    {
        var chain = Chain(3);
        var forged = chain[1].Content with { Summary = "Nothing was agreed." };
        chain[1] = new ChainedEntry(forged, chain[1].PreviousHash, LedgerChain.ComputeHash(forged, chain[1].PreviousHash));

        var result = LedgerChain.Verify(chain);

        Assert.Same(chain[2], result.FirstBadEntry);
        Assert.Equal(LedgerProblem.ChainBroken, result.Problem);
    }

    [Fact]
    public void A_removed_entry_is_reported_as_a_sequence_gap_at_the_entry_after_it()
    {
        var chain = Chain(3);
        chain.RemoveAt(1);

        var result = LedgerChain.Verify(chain);

        Assert.Equal(3, result.FirstBadEntry!.Content.Sequence);
        Assert.Equal(LedgerProblem.SequenceGap, result.Problem);
        Assert.Equal("Entry 3 is out of sequence: entry 2 was expected. Entries may have been removed.", result.Message);
    }

    [Fact]
    public void Participant_order_does_not_change_the_hash()
    {
        var content = Content(1);
        var reordered = content with { Participants = [.. content.Participants.Reverse()] };

        Assert.Equal(LedgerChain.ComputeHash(content, LedgerChain.GenesisHash), LedgerChain.ComputeHash(reordered, LedgerChain.GenesisHash));
    }

    [Fact]
    public void The_same_instant_in_another_offset_or_with_sub_microsecond_ticks_hashes_the_same()
    {
        var content = Content(1);
        var inLondonSummer = content with { RecordedAt = content.RecordedAt.ToOffset(TimeSpan.FromHours(1)).AddTicks(3) };

        Assert.Equal(LedgerChain.ComputeHash(content, LedgerChain.GenesisHash), LedgerChain.ComputeHash(inLondonSummer, LedgerChain.GenesisHash));
    }

    [Fact]
    public void A_value_cannot_imitate_a_field_boundary()
    {
        var one = Content(1) with { Promises = ["a\n-:1:b"] };
        var two = Content(1) with { Promises = ["a", "b"] };

        Assert.NotEqual(LedgerChain.ComputeHash(one, LedgerChain.GenesisHash), LedgerChain.ComputeHash(two, LedgerChain.GenesisHash));
    }

    [Fact]
    public void Appending_out_of_sequence_is_refused()
    {
        var chain = Chain(2);

        Assert.Throws<ArgumentException>(() => LedgerChain.Append(chain[1], Content(4)));
        Assert.Throws<ArgumentException>(() => LedgerChain.Append(null, Content(2)));
    }
}
