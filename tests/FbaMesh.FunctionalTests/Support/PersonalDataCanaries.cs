using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace FbaMesh.FunctionalTests.Support;

/// <summary>
/// Orders whose every personal field holds a distinct canary: the run's marker, the order's tag and the
/// field's name, with no white space (mapping collapses it). The marker uses letters outside hex, so it
/// cannot occur inside an order id, a trace id or an ETag by chance.
/// </summary>
public sealed class PersonalDataCanaries
{
    /// <summary>Personal fields of the customer and of each of its addresses, as Crystallize names them.</summary>
    public static readonly string[] CustomerFields = ["firstName", "middleName", "lastName", "email", "identifier", "companyName", "phone", "taxNumber"];

    public static readonly string[] AddressFields = ["firstName", "middleName", "lastName", "street", "street2", "streetNumber", "postalCode", "city", "state", "phone", "email"];

    public string Marker { get; } = "Pii" + new string([.. RandomNumberGenerator.GetBytes(8).Select(b => (char)('g' + (b % 20)))]);

    public string Canary(string tag, string field) => $"{Marker}{tag}{char.ToUpperInvariant(field[0])}{field[1..]}";

    /// <summary>A copy of a sample order (Norway, delivery and billing address, FBA lines) with canaries everywhere personal.</summary>
    public (string Id, JsonObject Order) Order(string tag)
    {
        var (id, order) = Samples.Copy("6724c1a95e1d4b0012a3f101");
        var customer = order["customer"]!.AsObject();
        foreach (var field in CustomerFields)
        {
            customer[field] = Canary(tag, "customer" + field);
        }

        customer["email"] = Canary(tag, "customerEmail") + "@example.no";
        foreach (var address in customer["addresses"]!.AsArray().Select(a => a!.AsObject()))
        {
            var prefix = address["type"]!.GetValue<string>();
            foreach (var field in AddressFields)
            {
                address[field] = Canary(tag, prefix + field);
            }
        }

        return (id, order);
    }
}
