namespace FbaMesh.OrderEnricher.Console;

/// <summary>Configuration section "Console": the operator console served under /console.</summary>
internal sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>A login lasts this long; then the operator enters the token again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Orders on one page of the list.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>How often an open page asks for fresh content (light polling).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The order in Crystallize's admin; {tenantIdentifier} and {orderId} are filled in.</summary>
    public string CrystallizeOrderUrl { get; set; } = "https://app.crystallize.com/@{tenantIdentifier}/en/orders/{orderId}";
}
