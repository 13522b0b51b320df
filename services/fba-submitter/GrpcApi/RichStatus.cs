using FbaMesh.FbaSubmitter.Amazon;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.GrpcApi;

/// <summary>Failures as google.rpc.Status (grpc-status-details-bin), so callers read Amazon's errors as data.</summary>
internal static class RichStatus
{
    public static RpcException From(SpApiFailure failure) => Build(failure.Code, failure.Message, failure.AmazonErrors);

    public static RpcException InvalidRequest(IReadOnlyList<(string Field, string Problem)> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Problem }));
        var message = "Invalid fulfillment order: " + string.Join("; ", violations.Select(v => $"{v.Field} {v.Problem}"));
        return Build(StatusCode.InvalidArgument, message, badRequest);
    }

    private static RpcException Build(StatusCode code, string message, IMessage? detail)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }
}
