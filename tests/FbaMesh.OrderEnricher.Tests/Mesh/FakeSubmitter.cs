using System.Collections.Concurrent;
using FbaMesh.Contracts.Fulfillment.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FbaMesh.OrderEnricher.Tests.Mesh;

/// <summary>
/// A tiny fba-submitter: a gRPC app (h2c) on a free port that answers SubmitFulfillmentOrder as the test
/// says and records every request, served through the contracts' generated service base.
/// </summary>
public sealed class FakeSubmitter : IAsyncDisposable
{
    private readonly WebApplication app;

    private FakeSubmitter(WebApplication app, int port) => (this.app, Port) = (app, port);

    public int Port { get; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<SubmitFulfillmentOrderRequest> Requests { get; } = new();

    /// <summary>
    /// Per seller fulfillment order id: the answer to its call number n (1-based). Orders without a script
    /// get CREATED the first time and ALREADY_EXISTS after, as the real submitter answers.
    /// </summary>
    public ConcurrentDictionary<string, Func<SubmitFulfillmentOrderRequest, int, Task<SubmitFulfillmentOrderResponse>>> Scripts { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeSubmitter> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<Holder>();
        var app = builder.Build();
        var submitter = new FakeSubmitter(app, port);
        app.Services.GetRequiredService<Holder>().Submitter = submitter;
        app.MapGrpcService<SubmitterService>();
        await app.StartAsync();
        return submitter;
    }

    public int Count(string sellerFulfillmentOrderId) => Requests.Count(r => r.SellerFulfillmentOrderId == sellerFulfillmentOrderId);

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    /// <summary>The traceparent header of every request, in order (null when absent).</summary>
    public ConcurrentQueue<string?> TraceParents { get; } = new();

    private Task<SubmitFulfillmentOrderResponse> HandleAsync(SubmitFulfillmentOrderRequest request, ServerCallContext context)
    {
        TraceParents.Enqueue(context.RequestHeaders.GetValue("traceparent"));
        Requests.Enqueue(request);
        var answer = Scripts.GetValueOrDefault(request.SellerFulfillmentOrderId, DefaultAnswer);
        return answer(request, Count(request.SellerFulfillmentOrderId));
    }

    public static Task<SubmitFulfillmentOrderResponse> DefaultAnswer(SubmitFulfillmentOrderRequest request, int call) =>
        Task.FromResult(new SubmitFulfillmentOrderResponse
        {
            SellerFulfillmentOrderId = request.SellerFulfillmentOrderId,
            Outcome = call == 1 ? SubmitOutcome.Created : SubmitOutcome.AlreadyExists,
        });

    /// <summary>Answers with the given status code instead.</summary>
    public static Task<SubmitFulfillmentOrderResponse> Fail(StatusCode code, string detail) =>
        Task.FromException<SubmitFulfillmentOrderResponse>(new RpcException(new Status(code, detail)));

    internal sealed class Holder
    {
        public FakeSubmitter? Submitter { get; set; }
    }

    internal sealed class SubmitterService(Holder holder) : FulfillmentOrders.FulfillmentOrdersBase
    {
        public override Task<SubmitFulfillmentOrderResponse> SubmitFulfillmentOrder(SubmitFulfillmentOrderRequest request, ServerCallContext context) =>
            holder.Submitter!.HandleAsync(request, context);
    }
}
