namespace FbaMesh.CrystallizeEmulator.Admin;

/// <summary>
/// An injected failure: answer <see cref="Status"/> (when set) after <see cref="Delay"/>, for the
/// next <see cref="Count"/> matching requests (all when null), each with probability
/// <see cref="Rate"/> (always when null), only for requests asking for <see cref="OrderId"/> when set.
/// </summary>
public sealed record FaultRule(int? Status, int? Count, double? Rate, string? OrderId, TimeSpan Delay, int? Seed)
{
    public string Id { get; init; } = Guid.NewGuid().ToString("n")[..12];

    /// <summary>Why the rule cannot be used, or null when it is fine.</summary>
    public string? Problem() => this switch
    {
        { Status: null } when Delay <= TimeSpan.Zero => "A fault needs a status code, a delay, or both.",
        { Status: < 100 or > 599 } => "status must be an HTTP status code (100-599).",
        { Count: < 1 } => "count must be at least 1.",
        { Rate: < 0 or > 1 or double.NaN } => "rate must be between 0 and 1.",
        { OrderId: { } id } when !Orders.OrderId.IsValid(id) => "orderId must be 24 lowercase hexadecimal characters.",
        _ when Delay < TimeSpan.Zero || Delay > TimeSpan.FromMinutes(5) => "delayMs must be between 0 and 300000.",
        _ => null,
    };
}
