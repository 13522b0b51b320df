using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Failures;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.GrpcApi;

/// <summary>Failures as google.rpc.Status (grpc-status-details-bin), so callers read Amazon's errors as data.</summary>
internal static class RichStatus
{
    public static RpcException From(SpApiFailure failure)
    {
        var details = new List<IMessage> { new ErrorInfo { Reason = failure.Reason, Domain = FailureReasons.Domain } };
        if (failure.RetryAfter is { } wait)
        {
            details.Add(new RetryInfo { RetryDelay = Duration.FromTimeSpan(wait) });
        }

        if (failure.AmazonErrors is { } amazon)
        {
            details.Add(amazon);
        }

        return Build(failure.Code, failure.Message, [.. details]);
    }

    public static RpcException InvalidRequest(IReadOnlyList<(string Field, string Problem)> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Problem }));
        var message = "Invalid fulfillment order: " + string.Join("; ", violations.Select(v => $"{v.Field} {v.Problem}"));
        return Build(StatusCode.InvalidArgument, message, badRequest, new ErrorInfo { Reason = FailureReasons.InvalidRequest, Domain = FailureReasons.Domain });
    }

    private static RpcException Build(StatusCode code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.AddRange(details.Select(Any.Pack));
        return status.ToRpcException();
    }
}
