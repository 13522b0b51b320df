using System.Text.Encodings.Web;
using System.Text.Json;

namespace FbaMesh.CrystallizeEmulator;

/// <summary>How the emulator writes JSON: compact, camelCase, non-ASCII as is (as Crystallize does).</summary>
public static class EmulatorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
