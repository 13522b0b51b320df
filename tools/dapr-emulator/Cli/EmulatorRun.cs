namespace FbaMesh.DaprEmulator.Cli;

/// <summary>Applies the command line's choices to the run file's apps.</summary>
internal static class EmulatorRun
{
    public static IReadOnlyList<SidecarOptions> Select(IReadOnlyList<SidecarOptions> apps, IReadOnlyCollection<string> appIds, string? daprToken, string? appToken)
    {
        var unknown = appIds.Except(apps.Select(a => a.AppId), StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"--app-id {string.Join(", ", unknown)} is not an app of the run file (it has {string.Join(", ", apps.Select(a => a.AppId))}).");
        }

        return [.. apps
            .Where(a => appIds.Count == 0 || appIds.Contains(a.AppId, StringComparer.Ordinal))
            .Select(a => a with
            {
                DaprApiToken = string.IsNullOrEmpty(daprToken) ? a.DaprApiToken : daprToken,
                AppApiToken = string.IsNullOrEmpty(appToken) ? a.AppApiToken : appToken,
            })];
    }
}
