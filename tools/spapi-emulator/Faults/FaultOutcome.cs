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

    /// <summary>Holds the request on the wall clock; answers Results.Empty when the connection was dropped.</summary>
    private static async Task<IResult?> HoldAsync(FaultRule fault, HttpContext http)
    {
        try
        {
            await Task.Delay(fault.Delay, TimeProvider.System, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
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
