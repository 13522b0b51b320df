namespace FbaMesh.CrystallizeEmulator.Tests;

/// <summary>Small orders the tests put in the store.</summary>
internal static class Orders
{
    public const string Id = "5f3c2b1a0d9e8f7a6b5c4d3e";
    public const string OtherId = "5f3c2b1a0d9e8f7a6b5c4d3f";

    public const string Sample = """
        {
          "id": "5f3c2b1a0d9e8f7a6b5c4d3e",
          "createdAt": "2026-11-02T09:15:22.000Z",
          "customer": {
            "identifier": "ola@example.no", "firstName": "Ola", "lastName": "Nordmann", "email": "ola@example.no",
            "companyName": null, "phone": "+47 912 34 567",
            "addresses": [
              { "type": "delivery", "firstName": "Kari", "lastName": "Nordmann", "street": "Storgata", "streetNumber": "12",
                "street2": null, "postalCode": "0155", "city": "Oslo", "state": null, "country": "Norway", "phone": null },
              { "type": "billing", "firstName": "Ola", "lastName": "Nordmann", "street": "Kongens gate", "streetNumber": "5",
                "postalCode": "7011", "city": "Trondheim", "country": "NO" }
            ],
            "externalReferences": [ { "key": "crm", "value": "42" } ]
          },
          "cart": [
            { "sku": "FBA-MUG-001", "name": "Mug", "quantity": 2, "price": { "currency": "NOK", "gross": 199.5, "net": 159.6 } },
            { "sku": "GIFT", "name": "Gift card", "quantity": 1, "price": { "currency": "NOK", "gross": 500, "net": 500 } }
          ],
          "meta": [ { "key": "fba-shipping-speed", "value": "expedited" } ]
        }
        """;
}
