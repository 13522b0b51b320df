using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FbaMesh.SpApiEmulator;

/// <summary>Identifiers derived from their seeds, so every read of an order agrees and runs are repeatable.</summary>
internal static class TrackingCodes
{
    public static string Carrier(string orderId, int packageNumber) => "1Z" + Code($"{orderId}/{packageNumber}", 16);

    public static string AmazonFulfillment(string orderId, int packageNumber) =>
        "TBA" + (Hash($"{orderId}/{packageNumber}") % 1_000_000_000_000UL).ToString("D12", CultureInfo.InvariantCulture);

    public static string NetworkSku(string sellerSku) => "X00" + Code(sellerSku, 7);

    public static string Code(string seed, int length)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        var hash = Hash(seed);
        var code = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            code.Append(alphabet[(int)(hash % (ulong)alphabet.Length)]);
            hash = (hash / (ulong)alphabet.Length) ^ ((ulong)i * 0x9E3779B97F4A7C15UL);
        }

        return code.ToString();
    }

    private static ulong Hash(string seed) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));
}
