using System.ComponentModel.DataAnnotations;
using Concord.Web.Features.Accounts;
using Concord.Web.Features.Commitments;
using Concord.Web.Features.Partnerships;
using Concord.Web.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Web.Features.Ledger;

public enum LedgerEntryKind
{
    [Display(Name = "Meeting")] Meeting,
    [Display(Name = "Call")] Call,
    [Display(Name = "E-mail")] Email,
    [Display(Name = "Letter")] Letter,
    [Display(Name = "Agreement")] Agreement,
    [Display(Name = "Decision")] Decision,
    [Display(Name = "Other")] Other,
}

/// <summary>
/// One communication in a partnership's ledger. Append-only: never changed or deleted (ConcordDb refuses, and so
/// do database triggers); a mistake is put right by a new entry whose <see cref="CorrectsEntryId"/> points at it.
/// Each entry is sealed in a hash chain per partnership (<see cref="LedgerChain"/>).
/// </summary>
public sealed class LedgerEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    /// <summary>1, 2, 3 … per partnership; unique, so two appends at once cannot take the same place.</summary>
    public long Sequence { get; init; }
    public LedgerEntryKind Kind { get; init; }
    public DateOnly Date { get; init; }
    public string Summary { get; init; } = "";
    /// <summary>Partner organisations involved, in the order recorded (rows of <c>ledger_entry_partners</c>, indexed by partner and date).</summary>
    public List<LedgerEntryPartner> Partners { get; init; } = [];
    /// <summary>People involved, as written.</summary>
    public List<string> People { get; init; } = [];
    /// <summary>Promises made, as written; each also became a commitment.</summary>
    public List<string> Promises { get; init; } = [];
    public Guid? CorrectsEntryId { get; init; }
    public Guid AuthorId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";

    public Account? Author { get; init; }

    /// <summary>Partner ids in the order recorded (load <see cref="Partners"/> first).</summary>
    public IReadOnlyList<Guid> PartnerIds => Partners.OrderBy(p => p.Position).Select(p => p.PartnerId).ToList();

    /// <summary>Stable codes for the chain: partners by id, people by name.</summary>
    public LedgerEntryContent ToContent() => Content(Id, Sequence, Kind, Date, Summary, PartnerIds, People, Promises, CorrectsEntryId, AuthorId, RecordedAt);

    public ChainedEntry ToChained() => new(ToContent(), PreviousHash, Hash);

    public static LedgerEntryContent Content(Guid id, long sequence, LedgerEntryKind kind, DateOnly date, string summary, IEnumerable<Guid> partnerIds,
        IEnumerable<string> people, IReadOnlyList<string> promises, Guid? correctsEntryId, Guid authorId, DateTimeOffset recordedAt) => new(
        id, sequence, kind.ToString().ToLowerInvariant(), date, summary,
        [.. partnerIds.Select(p => "partner:" + p.ToString("D")), .. people.Select(p => "person:" + p)],
        promises, correctsEntryId, authorId.ToString("D"), recordedAt);

    /// <summary>
    /// Seals a new entry after the entry whose hash is <paramref name="previousHash"/>: the hash covers the content and
    /// the previous hash. The only way entries are made, so the partner rows always match the sealed content.
    /// </summary>
    public static LedgerEntry Seal(Guid partnershipId, long sequence, LedgerEntryKind kind, DateOnly date, string summary, IReadOnlyList<Guid> partnerIds,
        IReadOnlyList<string> people, IReadOnlyList<string> promises, Guid? correctsEntryId, Guid authorId, DateTimeOffset recordedAt, string previousHash)
    {
        var id = Guid.CreateVersion7();
        recordedAt = LedgerChain.NormaliseRecordedAt(recordedAt);
        var content = Content(id, sequence, kind, date, summary, partnerIds, people, promises, correctsEntryId, authorId, recordedAt);
        return new LedgerEntry
        {
            Id = id,
            PartnershipId = partnershipId,
            Sequence = sequence,
            Kind = kind,
            Date = date,
            Summary = summary,
            Partners = partnerIds.Select((p, i) => new LedgerEntryPartner { EntryId = id, Position = i, PartnerId = p, Date = date }).ToList(),
            People = [.. people],
            Promises = [.. promises],
            CorrectsEntryId = correctsEntryId,
            AuthorId = authorId,
            RecordedAt = recordedAt,
            PreviousHash = previousHash,
            Hash = LedgerChain.ComputeHash(content, previousHash),
        };
    }
}

/// <summary>
/// A partner organisation involved in a ledger entry. Append-only like the entry. The entry's date is kept here too, so
/// "when did we last hear from this partner" is one index seek on (partner, date) rather than a walk of the ledger.
/// </summary>
public sealed class LedgerEntryPartner
{
    public Guid EntryId { get; init; }
    public int Position { get; init; }
    public Guid PartnerId { get; init; }
    public DateOnly Date { get; init; }
}

/// <summary>A way of keeping in touch agreed with one partner: channel, how often, and who to contact.</summary>
public sealed class CommunicationMethod : IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid PartnershipId { get; init; }
    public Guid PartnerId { get; set; }
    public string Channel { get; set; } = "";
    public ContactFrequency Frequency { get; set; }
    public int? EveryDays { get; set; }
    public string Contacts { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public int Version { get; set; }

    public Partner? Partner { get; init; }

    public AgreedContact ToAgreed() => new(PartnerId, Channel, Frequency, EveryDays);
}

public sealed class LedgerConfiguration : IEntityTypeConfiguration<LedgerEntry>, IEntityTypeConfiguration<LedgerEntryPartner>, IEntityTypeConfiguration<CommunicationMethod>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Summary).HasMaxLength(8000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => new { e.PartnershipId, e.Sequence }).IsUnique();
        // The ledger's pages: newest first by the date it happened, then by number (keyset, LedgerQueries.PageAsync).
        builder.HasIndex(e => new { e.PartnershipId, e.Date, e.Sequence });
        builder.HasIndex(e => e.CorrectsEntryId);
        builder.HasOne<Partnership>().WithMany().HasForeignKey(e => e.PartnershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Author).WithMany().HasForeignKey(e => e.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.CorrectsEntryId).OnDelete(DeleteBehavior.Restrict);
        // A commitment made in a ledger entry points back at it.
        builder.HasMany<Commitment>().WithOne().HasForeignKey(c => c.SourceLedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Partners).WithOne().HasForeignKey(p => p.EntryId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(e => e.Partners).UsePropertyAccessMode(PropertyAccessMode.Property);
    }

    public void Configure(EntityTypeBuilder<LedgerEntryPartner> builder)
    {
        builder.ToTable("ledger_entry_partners");
        builder.HasKey(p => new { p.EntryId, p.Position });
        builder.HasIndex(p => new { p.PartnerId, p.Date });
        builder.HasOne<Partner>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<CommunicationMethod> builder)
    {
        builder.ToTable("communication_methods");
        builder.Property(m => m.Channel).HasMaxLength(200);
        builder.Property(m => m.Contacts).HasMaxLength(1000);
        builder.Property(m => m.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => new { m.PartnershipId, m.PartnerId });
        builder.HasOne<Partnership>().WithMany().HasForeignKey(m => m.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Partner).WithMany().HasForeignKey(m => m.PartnerId).OnDelete(DeleteBehavior.Cascade);
        builder.ConfigureVersion();
    }
}

/// <summary>Triggers that refuse UPDATE and DELETE on ledger rows, called from the migration.</summary>
public static class LedgerDatabaseGuards
{
    public static void Apply(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'ledger_entries is append-only'; END; $$;
                """);
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();");
        }
        else
        {
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append-only'); END;");
        }
    }

    /// <summary>The same guard for the entries' partner rows (added with the table in the LedgerPartnersAndVersions migration).</summary>
    public static void ApplyToPartners(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql("CREATE TRIGGER ledger_entry_partners_no_change BEFORE UPDATE OR DELETE ON ledger_entry_partners FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();");
            migrationBuilder.Sql("CREATE TRIGGER ledger_entry_partners_no_truncate BEFORE TRUNCATE ON ledger_entry_partners FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();");
        }
        else
        {
            migrationBuilder.Sql("CREATE TRIGGER ledger_entry_partners_no_update BEFORE UPDATE ON ledger_entry_partners BEGIN SELECT RAISE(ABORT, 'ledger_entry_partners is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ledger_entry_partners_no_delete BEFORE DELETE ON ledger_entry_partners BEGIN SELECT RAISE(ABORT, 'ledger_entry_partners is append-only'); END;");
        }
    }

    public static void RemoveFromPartners(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entry_partners_no_change ON ledger_entry_partners;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entry_partners_no_truncate ON ledger_entry_partners;");
        }
        else
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entry_partners_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entry_partners_no_delete;");
        }
    }

    public static void Remove(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder, bool isPostgres)
    {
        if (isPostgres)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_change ON ledger_entries;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_truncate ON ledger_entries;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS ledger_entries_append_only();");
        }
        else
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_delete;");
        }
    }
}

/// <summary>Called by ConcordDb before every save: ledger entries are only ever added.</summary>
public static class LedgerAppendOnly
{
    public static void Check(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
    {
        if (tracker.Entries<LedgerEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted) ||
            tracker.Entries<LedgerEntryPartner>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Ledger entries cannot be changed or deleted. Record a correction instead.");
        }
    }
}
