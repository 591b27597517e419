namespace Concord.Web.Infrastructure.Writes;

/// <summary>How a write ended. Pages and the API each turn it into their own answer (see <see cref="WriteAnswers"/>).</summary>
public enum WriteStatus
{
    /// <summary>Saved: one SaveChanges, with its audit line.</summary>
    Saved,
    /// <summary>Field errors: nothing was written (API 400, the form shows the errors).</summary>
    Invalid,
    /// <summary>The record is not there, or not in the caller's tenant (404).</summary>
    NotFound,
    /// <summary>The caller can see the record but may not do this to it (403).</summary>
    Forbidden,
    /// <summary>Someone else saved first: nothing was written (409; the page shows both versions).</summary>
    Stale,
}

/// <summary>A write that did not save, for any result type: return it from a command and it converts to <see cref="WriteResult{T}"/>.</summary>
public sealed class WriteFailure
{
    private WriteFailure(WriteStatus status, FieldErrors errors, string? message, object? current)
    {
        Status = status;
        Errors = errors;
        Message = message;
        Current = current;
    }

    public WriteStatus Status { get; }
    public FieldErrors Errors { get; }
    public string? Message { get; }
    public object? Current { get; }

    public static WriteFailure Invalid(FieldErrors errors) => new(WriteStatus.Invalid, errors, null, null);

    public static WriteFailure Invalid(string field, string message) => Invalid(new FieldErrors().Add(field, message));

    public static WriteFailure NotFound(string? message = null) =>
        new(WriteStatus.NotFound, new FieldErrors(), message ?? "There is nothing at this address that you can see", null);

    public static WriteFailure Forbidden(string message) => new(WriteStatus.Forbidden, new FieldErrors(), message, null);

    /// <summary>Someone else saved first. <paramref name="current"/> is the record as it is saved now, shown beside what the person sent.</summary>
    public static WriteFailure Stale(string message, object? current = null) => new(WriteStatus.Stale, new FieldErrors(), message, current);

    /// <summary>The stale-edit message every page and the API use.</summary>
    public static string StaleMessage(string what) =>
        $"Someone else changed this {what} while you were editing it. Your changes have not been saved. " +
        "Compare the two versions, then save again to replace theirs with yours, or cancel to keep theirs";
}

/// <summary>
/// The one result of every write that pages and the API share: saved (with the value), field errors, not found,
/// forbidden or stale. Commands return a value (implicitly Saved) or a <see cref="WriteFailure"/>.
/// </summary>
public sealed class WriteResult<T>
{
    private readonly WriteFailure? failure;

    private WriteResult(T? value, WriteFailure? failure)
    {
        Value = value;
        this.failure = failure;
    }

    public WriteStatus Status => failure?.Status ?? WriteStatus.Saved;
    public bool Saved => failure is null;

    /// <summary>What was saved (only when <see cref="Saved"/>).</summary>
    public T? Value { get; }

    public FieldErrors Errors => failure?.Errors ?? new FieldErrors();
    public string? Message => failure?.Message;

    /// <summary>For a stale write: the record as it is saved now.</summary>
    public T? Current => failure?.Current is T current ? current : default;

    public WriteFailure? Failure => failure;

    public static implicit operator WriteResult<T>(T value) => new(value, null);

    public static implicit operator WriteResult<T>(WriteFailure failure) => new(default, failure);
}
