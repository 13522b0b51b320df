using FbaMesh.Contracts.Fulfillment.V1;
using Google.Protobuf;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Tests.Support;

/// <summary>
/// A client for the submitter's service built from the server assembly's message types (the server
/// project generates no client, and a second generated copy of the messages would clash).
/// </summary>
public sealed class FulfillmentOrdersClient(CallInvoker invoker)
{
    private const string Service = "fbamesh.fulfillment.v1.FulfillmentOrders";

    private static readonly Method<SubmitFulfillmentOrderRequest, SubmitFulfillmentOrderResponse> Submit = Unary(
        "SubmitFulfillmentOrder", SubmitFulfillmentOrderRequest.Parser, SubmitFulfillmentOrderResponse.Parser);

    private static readonly Method<GetFulfillmentOrderRequest, GetFulfillmentOrderResponse> Get = Unary(
        "GetFulfillmentOrder", GetFulfillmentOrderRequest.Parser, GetFulfillmentOrderResponse.Parser);

    private static readonly Method<CancelFulfillmentOrderRequest, CancelFulfillmentOrderResponse> Cancel = Unary(
        "CancelFulfillmentOrder", CancelFulfillmentOrderRequest.Parser, CancelFulfillmentOrderResponse.Parser);

    public async Task<SubmitFulfillmentOrderResponse> SubmitAsync(SubmitFulfillmentOrderRequest request, Metadata? headers = null) =>
        await invoker.AsyncUnaryCall(Submit, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(60)), request);

    public async Task<GetFulfillmentOrderResponse> GetAsync(string id, Metadata? headers = null) =>
        await invoker.AsyncUnaryCall(Get, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(60)), new GetFulfillmentOrderRequest { SellerFulfillmentOrderId = id });

    public async Task<CancelFulfillmentOrderResponse> CancelAsync(string id, Metadata? headers = null) =>
        await invoker.AsyncUnaryCall(Cancel, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(60)), new CancelFulfillmentOrderRequest { SellerFulfillmentOrderId = id });

    private static Method<TReq, TRes> Unary<TReq, TRes>(string name, MessageParser<TReq> req, MessageParser<TRes> res)
        where TReq : class, IMessage<TReq>
        where TRes : class, IMessage<TRes> =>
        new(MethodType.Unary, Service, name, Marshallers.Create(m => m.ToByteArray(), req.ParseFrom), Marshallers.Create(m => m.ToByteArray(), res.ParseFrom));
}
