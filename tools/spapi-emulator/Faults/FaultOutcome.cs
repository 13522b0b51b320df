namespace FbaMesh.SpApiEmulator;

/// <summary>Carries out a fault: an error answer, or a hold followed by a dropped connection or a late answer.</summary>
internal static class FaultOutcome
{
    /// <summary>Null lets the request go on (a timeout whose outcome is a late answer).</summary>
    public static async Task<object?> BeforeAsync(FaultRule fault, HttpContext http)
    {
        switch (fault.Kind)
        {
            case FaultKind.QuotaStorm:
                return SpApiErrors.QuotaExceeded();
            case FaultKind.ServerError:
                return SpApiErrors.ServerFault(fault.StatusCode);
            default:
                return await HoldAsync(fault, http);
        }
    }

    /// <summary>The operation has been carried out; the caller still gets the fault.</summary>
    public static async Task<object?> AfterAsync(FaultRule fault, HttpContext http, SpApiResponse done)
    {
        if (fault.Kind == FaultKind.ServerError)
        {
            return SpApiErrors.ServerFault(fault.StatusCode);
        }

        return await HoldAsync(fault, http) ?? done;
    }

    /// <summary>
    /// Holds the request on the emulator's clock, so a test with a fake clock decides when a hold ends;
    /// answers Results.Empty when the connection was dropped. A hold ends early when the caller hangs up
    /// or the emulator stops, so no held request delays a shutdown.
    /// </summary>
    private static async Task<IResult?> HoldAsync(FaultRule fault, HttpContext http)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var time = http.RequestServices.GetRequiredService<EmulatorState>().Time;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await Task.Delay(fault.Delay, time, ended.Token);
        }
        catch (OperationCanceledException)
        {
            http.Abort();
            return Results.Empty;
        }

        if (fault.Outcome == TimeoutOutcome.Abort)
        {
            http.Abort();
            return Results.Empty;
        }

        return null;
    }
}
