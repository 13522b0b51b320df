using Google.Rpc;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Tests.Support;

public static class RichErrors
{
    public static string? Reason(this RpcException error) => error.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    public static TimeSpan? RetryDelay(this RpcException error) => error.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay?.ToTimeSpan();
}
