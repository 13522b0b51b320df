using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FbaMesh.ServiceDefaults;

/// <summary>
/// Every error answer is application/problem+json: an unhandled exception becomes a 500 without
/// exception text (it could hold personal data or a secret), and a bare 404/405 gets a body too.
/// The default writer adds traceId, so an operator can find the request's trace.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static void AddDefaultProblemDetails(this IHostApplicationBuilder builder) =>
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path.Value);

    public static void UseDefaultProblemDetails(this WebApplication app)
    {
        // The developer exception page shows stack traces in Development; everywhere else, problem+json.
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }

        app.UseStatusCodePages();
    }
}
