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

    // Only an absolute https (or http) link passes; anything else is not a link.
    private static string Link(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.ToString() : "";
}
