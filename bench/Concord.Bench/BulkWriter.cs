using System.Data.Common;
using System.Diagnostics;
using Concord.Web.Infrastructure.Database;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Concord.Bench;

/// <summary>
/// Inserts entities of the app's EF model fast, outside the change tracker: PostgreSQL through binary COPY, SQLite through
/// one prepared INSERT in large transactions. Tables, columns and value conversions (enums as words, SQLite instants as UTC
/// ticks, lists as arrays or JSON) all come from the EF model, so rows are stored exactly as the app would store them.
/// Database triggers still run (the lessons search index is filled by them; the ledger's append-only guards allow inserts).
/// </summary>
internal abstract class BulkWriter : IAsyncDisposable
{
    private readonly Dictionary<Type, TableMap> maps = [];
    private readonly Dictionary<string, (long Rows, TimeSpan Time)> totals = [];

    protected BulkWriter(ConcordDb db) => Db = db;

    protected ConcordDb Db { get; }

    public static async Task<BulkWriter> OpenAsync(ConcordDb db)
    {
        await db.Database.OpenConnectionAsync();
        BulkWriter writer = db.Database.IsNpgsql() ? new PostgresWriter(db) : new SqliteWriter(db);
        await writer.StartAsync();
        return writer;
    }

    /// <summary>Rows written and time spent per table so far (the time includes producing lazily generated rows).</summary>
    public IReadOnlyDictionary<string, (long Rows, TimeSpan Time)> Totals => totals;

    public async Task WriteAsync<T>(IEnumerable<T> rows) where T : class
    {
        var map = Map(typeof(T));
        var timer = Stopwatch.StartNew();
        var count = await WriteRowsAsync(map, rows);
        var (before, time) = totals.GetValueOrDefault(map.Table);
        totals[map.Table] = (before + count, time + timer.Elapsed);
    }

    /// <summary>Makes everything written so far durable and visible to other connections.</summary>
    public abstract Task CommitAsync();

    protected abstract Task StartAsync();

    protected abstract Task<long> WriteRowsAsync<T>(TableMap map, IEnumerable<T> rows) where T : class;

    public virtual async ValueTask DisposeAsync()
    {
        await CommitAsync();
        await Db.Database.CloseConnectionAsync();
    }

    private TableMap Map(Type type)
    {
        if (maps.TryGetValue(type, out var found))
        {
            return found;
        }

        var entity = Db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model.");
        var table = entity.GetTableName() ?? throw new InvalidOperationException($"{type.Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = new List<ColumnMap>();
        foreach (var property in entity.GetProperties())
        {
            if (property.GetColumnName(store) is not { } column)
            {
                continue;
            }

            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{type.Name}.{property.Name} is a shadow property: give it a value in {nameof(BulkWriter)}.");
            }

            var mapping = property.GetRelationalTypeMapping();
            var getter = property.GetGetter();
            var converter = mapping.Converter;
            columns.Add(new ColumnMap(column, mapping, converter is null ? getter.GetClrValue : e => getter.GetClrValue(e) is { } v ? converter.ConvertToProvider(v) : null));
        }

        return maps[type] = new TableMap(table, columns);
    }

    protected sealed record ColumnMap(string Name, RelationalTypeMapping Mapping, Func<object, object?> Value);

    protected sealed record TableMap(string Table, IReadOnlyList<ColumnMap> Columns)
    {
        public string ColumnList => string.Join(", ", Columns.Select(c => Quote(c.Name)));

        public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private sealed class PostgresWriter(ConcordDb db) : BulkWriter(db)
    {
        private NpgsqlConnection Connection => (NpgsqlConnection)Db.Database.GetDbConnection();

        protected override Task StartAsync() => Task.CompletedTask;

        // Each COPY is its own statement and commits when it completes.
        public override Task CommitAsync() => Task.CompletedTask;

        protected override async Task<long> WriteRowsAsync<T>(TableMap map, IEnumerable<T> rows)
        {
            // The column's type without its size ("character varying(20)" is written as "character varying").
            var types = map.Columns.Select(c => StripSize(c.Mapping.StoreType)).ToArray();
            await using var import = await Connection.BeginBinaryImportAsync(
                $"COPY {TableMap.Quote(map.Table)} ({map.ColumnList}) FROM STDIN (FORMAT BINARY)");
            long count = 0;
            foreach (var row in rows)
            {
                await import.StartRowAsync();
                for (var i = 0; i < map.Columns.Count; i++)
                {
                    if (map.Columns[i].Value(row) is { } value)
                    {
                        await import.WriteAsync(value, types[i]);
                    }
                    else
                    {
                        await import.WriteNullAsync();
                    }
                }

                count++;
            }

            await import.CompleteAsync();
            return count;
        }

        private static string StripSize(string storeType)
        {
            var open = storeType.IndexOf('(', StringComparison.Ordinal);
            return open < 0 ? storeType : storeType[..open] + storeType[(storeType.IndexOf(')', StringComparison.Ordinal) + 1)..];
        }
    }

    private sealed class SqliteWriter(ConcordDb db) : BulkWriter(db)
    {
        private const int RowsPerTransaction = 200_000;
        private readonly Dictionary<string, SqliteCommand> commands = [];
        private SqliteTransaction? transaction;
        private long rowsInTransaction;

        private SqliteConnection Connection => (SqliteConnection)Db.Database.GetDbConnection();

        protected override async Task StartAsync()
        {
            // For generation only (these settings last as long as this connection): no waiting for the disk,
            // a large page cache for index updates.
            await using var pragma = Connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;";
            await pragma.ExecuteNonQueryAsync();
            transaction = Connection.BeginTransaction();
        }

        public override async Task CommitAsync()
        {
            if (transaction is null)
            {
                return;
            }

            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            transaction = Connection.BeginTransaction();
            foreach (var command in commands.Values)
            {
                command.Transaction = transaction;
            }

            rowsInTransaction = 0;
        }

        protected override async Task<long> WriteRowsAsync<T>(TableMap map, IEnumerable<T> rows)
        {
            if (!commands.TryGetValue(map.Table, out var command))
            {
                command = Connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = $"INSERT INTO {TableMap.Quote(map.Table)} ({map.ColumnList}) VALUES ({string.Join(", ", map.Columns.Select((_, i) => "$p" + i))})";
                for (var i = 0; i < map.Columns.Count; i++)
                {
                    // The EF type mapping configures the parameter as EF would (for example Guid as upper-case TEXT).
                    command.Parameters.Add((SqliteParameter)map.Columns[i].Mapping.CreateParameter(command, "$p" + i, null, nullable: true));
                }

                command.Prepare();
                commands[map.Table] = command;
            }

            long count = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < map.Columns.Count; i++)
                {
                    command.Parameters[i].Value = map.Columns[i].Value(row) ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
                count++;
                if (++rowsInTransaction >= RowsPerTransaction)
                {
                    await CommitAsync();
                }
            }

            return count;
        }

        public override async ValueTask DisposeAsync()
        {
            await CommitAsync();
            transaction?.Dispose();
            transaction = null;
            foreach (var command in commands.Values)
            {
                await command.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }
}

internal static class DbCommandExtensions
{
    public static async Task<long> ScalarLongAsync(this ConcordDb db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync();
        }

        try
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
