using FbaMesh.Contracts.Fulfillment.V1;
using FbaMesh.FbaSubmitter.Amazon;

namespace FbaMesh.FbaSubmitter.Mapping;

/// <summary>
/// getPackageTrackingDetails to the gRPC answer: codes, dates, carrier and places (city, state, country).
/// Amazon's descriptions, signedForBy and the carrier's phone never cross (free text, personal data).
/// </summary>
internal static class TrackingFromAmazon
{
    public static GetPackageTrackingResponse Details(int requested, PackageTrackingDetailsBody d)
    {
        var response = new GetPackageTrackingResponse
        {
            PackageNumber = d.PackageNumber == 0 ? requested : d.PackageNumber,
            TrackingNumber = d.TrackingNumber ?? "",
            CarrierCode = d.CarrierCode ?? "",
            CustomerTrackingLink = Link(d.CustomerTrackingLink),
            CarrierUrl = Link(d.CarrierUrl),
            ShipDate = FromAmazon.Stamp(d.ShipDate),
            EstimatedArrivalDate = FromAmazon.Stamp(d.EstimatedArrivalDate),
            CurrentStatus = FromAmazon.Code(d.CurrentStatus),
            ShipTo = Place(d.ShipToAddress),
            DeliveryWindow = d.DeliveryWindow is { StartDate: { } start, EndDate: { } end }
                ? new DeliveryWindow { StartDate = FromAmazon.Stamp(start), EndDate = FromAmazon.Stamp(end) }
                : null,
        };
        response.Events.AddRange((d.TrackingEvents ?? []).Select(e => new TrackingEvent
        {
            EventDate = FromAmazon.Stamp(e.EventDate),
            EventCode = FromAmazon.Code(e.EventCode),
            Location = Place(e.EventAddress),
        }));
        return response;
    }

    private static TrackingLocation? Place(TrackingAddressBody? a) => a is null ? null : new TrackingLocation
    {
        City = Short(a.City, 150),
        State = Short(a.State, 150),
        Country = Short(a.Country, 6),
    };

    // The model's own limits (TrackingAddress: 150, 150, 6); longer text is not a place name.
    private static string Short(string? value, int max) => value is { Length: > 0 } v && v.Length <= max ? v : "";

    // Only an absolute http(s) link passes; anything else is not a link. The 2022 sandbox sends the link
    // URL-encoded ("https%3A%2F%2Fwww.swiship.com%2Ftrack%3Fid%3D…"), so an encoded one is decoded first.
    private static string Link(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.StartsWith("http%3A", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https%3A", StringComparison.OrdinalIgnoreCase))
        {
            text = Uri.UnescapeDataString(text).Trim();
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : "";
    }
}
