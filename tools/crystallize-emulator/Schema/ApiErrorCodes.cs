namespace FbaMesh.CrystallizeEmulator.Schema;

/// <summary>The <c>extensions.code</c> values the emulator answers, as Crystallize's APIs spell them.</summary>
public static class ApiErrorCodes
{
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string BadUserInput = "BAD_USER_INPUT";
    public const string NotFound = "NOT_FOUND";
    public const string Internal = "INTERNAL_SERVER_ERROR";
}
