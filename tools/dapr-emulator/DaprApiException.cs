using Grpc.Core;

namespace FbaMesh.DaprEmulator;

/// <summary>
/// An error answered to the app the way daprd answers it: a gRPC status for the gRPC API and an
/// HTTP status with Dapr's {"errorCode","message"} body for the HTTP API.
/// </summary>
internal sealed class DaprApiException(StatusCode grpcStatus, int httpStatus, string errorCode, string message) : Exception(message)
{
    public StatusCode GrpcStatus { get; } = grpcStatus;

    public int HttpStatus { get; } = httpStatus;

    public string ErrorCode { get; } = errorCode;

    public RpcException ToRpcException() => new(new Status(GrpcStatus, Message));
}
