using Dapr.Client.Autogen.Grpc.v1;
using FbaMesh.DaprEmulator.Hosting;
using FbaMesh.DaprEmulator.PubSub;
using FbaMesh.DaprEmulator.Secrets;
using FbaMesh.DaprEmulator.State;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Empty = Google.Protobuf.WellKnownTypes.Empty;

namespace FbaMesh.DaprEmulator.GrpcApi;

/// <summary>
/// The implemented methods of dapr.proto.runtime.v1.Dapr, bound by name over the Dapr.Protos message
/// parsers. Every other method of the service reaches the fallback endpoint and is answered
/// UNIMPLEMENTED with its name (see <see cref="InvocationProxy"/>).
/// </summary>
internal sealed class DaprRuntimeMethods : IServiceMethodProvider<DaprRuntimeService>
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<DaprRuntimeService> context)
    {
        Bind<PublishEventRequest, Empty>(context, "PublishEvent", (s, r, call) =>
        {
            // The request's own map (ordinal keys, read-only from here on) rather than a copy per publish.
            s.Publish(new PublishRequest(r.PubsubName, r.Topic, r.Data.ToByteArray(), r.DataContentType, r.Metadata,
                call.RequestHeaders.GetValue("traceparent"), call.RequestHeaders.GetValue("tracestate")));
            return new Empty();
        });
        Bind<GetStateRequest, GetStateResponse>(context, "GetState", (s, r, _) => s.GetState(r));
        Bind<GetBulkStateRequest, GetBulkStateResponse>(context, "GetBulkState", (s, r, _) => s.GetBulkState(r));
        Bind<SaveStateRequest, Empty>(context, "SaveState", (s, r, _) => Done(() => s.SaveState(r)));
        Bind<DeleteStateRequest, Empty>(context, "DeleteState", (s, r, _) => Done(() => s.DeleteState(r)));
        Bind<DeleteBulkStateRequest, Empty>(context, "DeleteBulkState", (s, r, _) => Done(() => s.DeleteBulkState(r)));
        Bind<ExecuteStateTransactionRequest, Empty>(context, "ExecuteStateTransaction", (s, r, _) => Done(() => s.ExecuteTransaction(r)));
        Bind<GetSecretRequest, GetSecretResponse>(context, "GetSecret", (s, r, _) => s.GetSecret(r));
        Bind<GetBulkSecretRequest, GetBulkSecretResponse>(context, "GetBulkSecret", (s, r, _) => s.GetBulkSecret(r));
        Bind<GetMetadataRequest, GetMetadataResponse>(context, "GetMetadata", (s, _, _) => SidecarMetadata.Grpc(s));
    }

    private static Empty Done(Action action)
    {
        action();
        return new Empty();
    }

    private static void Bind<TRequest, TResponse>(
        ServiceMethodProviderContext<DaprRuntimeService> context,
        string name,
        Func<EmulatedSidecar, TRequest, ServerCallContext, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = new Method<TRequest, TResponse>(
            MethodType.Unary,
            DaprRuntimeService.ServiceName,
            name,
            Marshaller<TRequest>(),
            Marshaller<TResponse>());
        context.AddUnaryMethod(method, [], (service, request, call) =>
        {
            try
            {
                return Task.FromResult(handler(service.Sidecar, request, call));
            }
            catch (DaprApiException ex)
            {
                throw ex.ToRpcException();
            }
        });
    }

    private static Marshaller<T> Marshaller<T>() where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(m => m.ToByteArray(), parser.ParseFrom);
    }
}
