namespace FbaMesh.FbaSubmitter.Amazon;

/// <summary>How one HTTP attempt ended when no HTTP answer arrived.</summary>
internal enum TransportFault
{
    None,
    Timeout,
    ConnectionFailed,
}

/// <summary>One SP-API answer: the status (0 when the transport failed), the body and Amazon's error list.</summary>
internal sealed record SpApiReply(int Status, string Body, IReadOnlyList<AmazonErrorItem> Errors, TransportFault Fault = TransportFault.None)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>5xx, timeout or reset: Amazon may or may not have acted on the request.</summary>
    public bool OutcomeUnknown => Fault != TransportFault.None || Status >= 500;

    public bool Throttled => Status == 429;

    public string Describe() => Fault switch
    {
        TransportFault.Timeout => "no answer within the attempt timeout",
        TransportFault.ConnectionFailed => "connection failed or was reset",
        _ => $"HTTP {Status} ({AmazonErrorBody.Describe(Errors)})",
    };

    /// <summary>For logs: the codes alone. Amazon's messages may quote request values (names, addresses), and <see cref="Describe"/> never repeats them either.</summary>
    public string DescribeCodes() => Fault switch
    {
        TransportFault.None => $"HTTP {Status} ({string.Join(", ", Errors.Select(e => AmazonErrorWording.SafeCode(e.Code)))})",
        _ => Describe(),
    };
}
