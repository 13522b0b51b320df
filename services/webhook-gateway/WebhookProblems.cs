namespace FbaMesh.WebhookGateway;

/// <summary>Writes a rejection as problem+json with its stable type and code.</summary>
internal static class WebhookProblems
{
    /// <summary>Crystallize retries 5xx; a hint keeps it from retrying in a tight loop.</summary>
    private const string RetryAfterSeconds = "5";

    public static IResult ToResult(this WebhookRejection rejection) => new ProblemResult(rejection);

    private sealed class ProblemResult(WebhookRejection rejection) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (rejection.Status == StatusCodes.Status503ServiceUnavailable)
            {
                httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            }

            return Results.Problem(
                statusCode: rejection.Status,
                title: rejection.Title,
                detail: rejection.Detail,
                type: rejection.Type,
                extensions: new Dictionary<string, object?> { ["code"] = rejection.Code }).ExecuteAsync(httpContext);
        }
    }
}
