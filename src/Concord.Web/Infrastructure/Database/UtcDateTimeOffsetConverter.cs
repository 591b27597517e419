using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Concord.Web.Infrastructure.Database;

/// <summary>Stores every instant as UTC, so both providers sort and compare the same way.</summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v.ToUniversalTime());

/// <summary>Stores an instant as its UTC ticks (SQLite), which sort and compare in SQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
