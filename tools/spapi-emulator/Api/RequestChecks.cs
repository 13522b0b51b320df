namespace FbaMesh.SpApiEmulator;

/// <summary>Reading and checking a request against the model; every refusal here is counted as a schema violation.</summary>
internal static class RequestChecks
{
    public static async Task<(RequestBody? Body, SpApiResponse? Error)> ValidBodyAsync(HttpRequest request, EmulatorState state, string operation)
    {
        var (body, error) = await RequestBody.ReadAsync(request);
        if (error is not null)
        {
            state.Stats.SchemaViolation(operation);
            return (null, error);
        }

        var violations = state.Validator.Body(operation, body!.Root);
        if (violations.Count > 0)
        {
            body.Dispose();
            state.Stats.SchemaViolation(operation);
            return (null, SpApiResponse.InvalidInput(violations));
        }

        return (body, null);
    }

    public static SpApiResponse? Parameter(EmulatorState state, string operation, string name, string? value)
    {
        if (state.Validator.Parameter(operation, name, value) is not { } violation)
        {
            return null;
        }

        state.Stats.SchemaViolation(operation);
        return SpApiResponse.InvalidInput([violation]);
    }
}
