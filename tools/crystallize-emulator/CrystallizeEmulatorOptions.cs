namespace FbaMesh.CrystallizeEmulator;

/// <summary>
/// How an emulator instance behaves. The defaults are the development values of
/// components/secrets.dev.json, so the emulator and the services agree out of the box.
/// </summary>
public sealed class CrystallizeEmulatorOptions
{
    public const string Section = "CrystallizeEmulator";

    /// <summary>Loopback port to listen on when hosted in-process; 0 picks a free one.</summary>
    public int Port { get; set; }

    public string TenantIdentifier { get; set; } = "fbamesh-dev";

    /// <summary>Crystallize's tenant id (an object id), carried in webhook signature claims.</summary>
    public string TenantId { get; set; } = "65f0c0ffee0000000000cafe";

    /// <summary>The user id carried in webhook signature claims.</summary>
    public string UserId { get; set; } = "65f0c0ffee0000000000beef";

    public string AccessTokenId { get; set; } = "dev-only-fake-access-token-id";

    public string AccessTokenSecret { get; set; } = "dev-only-fake-access-token-secret";

    public string SignatureSecret { get; set; } = "dev-only-fake-signature-secret-0000000000";

    /// <summary>
    /// From a webhook signature's <c>iat</c> to its <c>exp</c>. Crystallize uses one second; a longer one
    /// lets a slow receiver (a debugger, a tunnel, a Node.js cross-check) still verify the token.
    /// </summary>
    public TimeSpan SignatureLifetime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A folder of order fixtures (*.json) loaded at start; null loads none.</summary>
    public string? FixturesPath { get; set; }

    /// <summary>Default for every stored order: API reads answering "not found" before it is served.</summary>
    public int ReadableAfterReads { get; set; }

    /// <summary>Default for every stored order: time after storing before it is served.</summary>
    public TimeSpan ReadableAfter { get; set; }

    /// <summary>Recorded API requests kept for GET /_emulator/requests (oldest dropped first).</summary>
    public int RequestLogCapacity { get; set; } = 1000;

    /// <summary>The clock for readability and the request log; tests pass a FakeTimeProvider.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>The sample fixtures copied next to the emulator's (or a referencing project's) binaries.</summary>
    public static string SampleFixturesPath => Path.Combine(AppContext.BaseDirectory, "fixtures");
}
