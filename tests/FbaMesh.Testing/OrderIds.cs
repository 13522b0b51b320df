using System.Security.Cryptography;

namespace FbaMesh.Testing;

/// <summary>Order ids as Crystallize writes them (24 lowercase hex characters), fresh for each test or run.</summary>
public static class OrderIds
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
