namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>Scripts for a stub SP-API: create, get and cancel answered by separate functions.</summary>
public static class StubSpApi
{
    public const string OrderJson = """
        {"payload":{"fulfillmentOrder":{"sellerFulfillmentOrderId":"X","displayableOrderId":"6571a3c2","fulfillmentOrderStatus":"Received",
        "receivedDate":"2026-11-20T09:31:00Z","statusUpdatedDate":"2026-11-20T09:31:00Z"},
        "fulfillmentOrderItems":[{"sellerSku":"CRYSTAL-BLUE-01","sellerFulfillmentOrderItemId":"CRYSTAL-BLUE-01","quantity":2,"cancelledQuantity":0,"unfulfillableQuantity":0}],
        "fulfillmentShipments":[],"returnItems":[],"returnAuthorizations":[]}}
        """;

    public static readonly Func<int, Task<HttpResponseMessage>> Created = _ => Ok();

    public static readonly Func<int, Task<HttpResponseMessage>> NotFound = _ =>
        Task.FromResult(StubHttp.Json(400, StubHttp.Errors("InvalidInput", "Requested order 'X' not found")));

    public static StubHttp Create(
        Func<int, Task<HttpResponseMessage>> create,
        Func<int, Task<HttpResponseMessage>>? get = null,
        Func<int, Task<HttpResponseMessage>>? cancel = null)
    {
        int creates = 0, gets = 0, cancels = 0;
        return new StubHttp((r, _) =>
        {
            if (r.IsCreate())
            {
                return create(Interlocked.Increment(ref creates));
            }

            if (r.Method == HttpMethod.Put)
            {
                return (cancel ?? (_ => Ok()))(Interlocked.Increment(ref cancels));
            }

            return (get ?? NotFound)(Interlocked.Increment(ref gets));
        });
    }

    public static Task<HttpResponseMessage> Ok(string json = "{}", params (string, string)[] headers) => Task.FromResult(StubHttp.Json(200, json, headers));

    public static Task<HttpResponseMessage> Status(int status, string code, string message) =>
        Task.FromResult(StubHttp.Json(status, StubHttp.Errors(code, message)));
}
