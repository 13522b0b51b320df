using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FbaMesh.FbaSubmitter.Amazon;
using FbaMesh.FbaSubmitter.Failures;
using Grpc.Core;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>What Amazon's answers mean, read from status codes and payloads, never from its message text.</summary>
internal static class AmazonAnswers
{
    /// <summary>
    /// A read of one order or package whose parameters FbaMesh checked against the model finds nothing:
    /// Amazon answers an unknown id with 404 NotFound, or with 400 InvalidInput as the 2020-07-01 sandbox
    /// does ("Requested order '…' not found"). With valid parameters nothing else is left for a 400 to mean.
    /// </summary>
    public static bool NothingThere(SpApiReply reply) => reply.Status is 404 or 400;

    /// <summary>The payload of a 200, or Unavailable when the body is not Amazon's JSON.</summary>
    public static T Payload<T>(SpApiReply reply, JsonTypeInfo<T> type, string operation)
    {
        try
        {
            return JsonSerializer.Deserialize(reply.Body, type)
                ?? throw new SpApiFailure(StatusCode.Unavailable, $"{operation} answered 200 without a body.");
        }
        catch (JsonException)
        {
            throw new SpApiFailure(StatusCode.Unavailable, $"{operation} answered 200 with a body that is not Amazon's JSON.");
        }
    }

    /// <summary>A failed call as the gRPC contract says it: Amazon's codes, never its messages.</summary>
    public static SpApiFailure Failure(SpApiReply reply, string operation, string subject, StatusCode for400, string reasonFor400)
    {
        var errors = AmazonErrorBody.ToProto(reply.Status, reply.Errors);
        var code = reply.Status == 400 ? for400 : reply.OutcomeUnknown ? StatusCode.Unavailable : StatusCode.FailedPrecondition;
        return new SpApiFailure(code, $"Amazon answered {operation} for {subject} with {reply.Describe()}.", errors)
        {
            Reason = reply.Status == 400 ? reasonFor400 : FailureReasons.For(code),
        };
    }
}
