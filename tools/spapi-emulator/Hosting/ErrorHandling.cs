namespace FbaMesh.SpApiEmulator;

/// <summary>No request can crash the emulator: anything unexpected becomes SP-API's InternalFailure answer.</summary>
internal static class ErrorHandling
{
    public static IApplicationBuilder UseSpApiErrorHandling(this IApplicationBuilder app) =>
        app.UseExceptionHandler(failed => failed.Run(context =>
            context.Response.HasStarted ? Task.CompletedTask : SpApiErrors.ServerFault(StatusCodes.Status500InternalServerError).ExecuteAsync(context)));
}
