using System.Globalization;

namespace FbaMesh.SpApiEmulator;

/// <summary>getPackageTrackingDetails (GET /fba/outbound/2020-07-01/tracking?packageNumber=…).</summary>
internal static class PackageTracking
{
    public static IResult Get(HttpRequest request, EmulatorState state)
    {
        var text = request.Query["packageNumber"].FirstOrDefault();
        if (text is null || !int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            state.Stats.SchemaViolation(Operations.Tracking);
            return SpApiResponse.InvalidInput([text is null
                ? Violation.Missing("packageNumber")
                : Violation.Invalid("packageNumber", SchemaValidator.Shown(text), "must be of type integer (int32)")]);
        }

        if (state.OrderOfPackage(number) is not { } order)
        {
            // The 2022 static sandbox's answer for a package number it does not know.
            return SpApiResponse.InvalidInput("null");
        }

        lock (order.Gate)
        {
            state.Advance(order);
            foreach (var shipment in order.Shipments)
            {
                if (shipment.Packages.FirstOrDefault(p => p.PackageNumber == number) is { } package)
                {
                    return SpApiResponse.Ok(TrackingTimeline.Details(order, package, state.Now));
                }
            }
        }

        return SpApiResponse.InvalidInput("null");
    }
}
