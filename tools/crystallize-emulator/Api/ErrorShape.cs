using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using GraphQLParser.Exceptions;
using FbaMesh.CrystallizeEmulator.Schema;

namespace FbaMesh.CrystallizeEmulator.Api;

/// <summary>
/// Writes every GraphQL error as Crystallize's APIs do: the message and <c>extensions.code</c> only
/// (<c>GRAPHQL_PARSE_FAILED</c>, <c>GRAPHQL_VALIDATION_FAILED</c>, <c>BAD_USER_INPUT</c>, or the
/// resolver's code such as <c>NOT_FOUND</c>), never exception details.
/// </summary>
internal sealed class ErrorShape : IErrorInfoProvider
{
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        // GraphQL.NET reports a query nested past the parser's limit as an unhandled error; it is a syntax problem.
        if (executionError.InnerException is GraphQLMaxDepthExceededException)
        {
            return Info("The query nests deeper than the parser allows.", ApiErrorCodes.ParseFailed);
        }

        return Info(executionError.Message, CodeOf(executionError));
    }

    private static ErrorInfo Info(string message, string code) =>
        new()
        {
            Message = message,
            Extensions = new Dictionary<string, object?> { ["code"] = code },
        };

    private static string CodeOf(ExecutionError error) => error switch
    {
        SyntaxError or NoOperationError or QueryMissingError => ApiErrorCodes.ParseFailed,
        InvalidVariableError => ApiErrorCodes.BadUserInput,
        ValidationError => ApiErrorCodes.ValidationFailed,
        InvalidOperationError => ApiErrorCodes.ValidationFailed,
        DocumentError => ApiErrorCodes.BadUserInput,
        UnhandledError => ApiErrorCodes.Internal,
        { Code: { Length: > 0 } code } => code,
        _ => ApiErrorCodes.Internal,
    };
}
