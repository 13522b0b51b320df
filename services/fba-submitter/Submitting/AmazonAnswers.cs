using FbaMesh.FbaSubmitter.Amazon;

namespace FbaMesh.FbaSubmitter.Submitting;

/// <summary>Reads what Amazon meant from its 400 texts, which are the only signal it gives for these cases.</summary>
internal static class AmazonAnswers
{
    /// <summary>"A create request already exists for MerchantFulfillmentOrderId : X" (400 InvalidInput).</summary>
    public static bool AlreadyExists(SpApiReply reply) =>
        reply.Status == 400 && reply.Errors.Any(e => e.Message?.Contains("already exists", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>404, or 400 "Requested order 'X' not found" as the 2020-07-01 sandbox answers.</summary>
    public static bool NotFound(SpApiReply reply) =>
        reply.Status == 404 ||
        (reply.Status == 400 && reply.Errors.Any(e => e.Message?.Contains("not found", StringComparison.OrdinalIgnoreCase) == true));
}
