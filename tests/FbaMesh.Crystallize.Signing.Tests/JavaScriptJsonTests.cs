using System.Buffers;
using System.Text;
using System.Text.Json;

namespace FbaMesh.Crystallize.Signing.Tests;

/// <summary>Named cases of JSON.stringify(JSON.parse(x)); every expected value is what Node.js 20 prints.</summary>
public sealed class JavaScriptJsonTests
{
    [Theory]
    [InlineData("{ \"a\" : [ 1 , 2 ] ,\n\t\"b\" : null }", """{"a":[1,2],"b":null}""")]
    [InlineData("""{"b":1,"a":2}""", """{"b":1,"a":2}""")]
    [InlineData("""{"b":1,"2":2,"1":3,"a":4,"0":5}""", """{"0":5,"1":3,"2":2,"b":1,"a":4}""")]
    [InlineData("""{"b":1,"4294967295":2,"4294967294":3,"01":4,"-0":5,"1.0":6}""", """{"4294967294":3,"b":1,"4294967295":2,"01":4,"-0":5,"1.0":6}""")]
    [InlineData("""{"a":1,"b":2,"a":3}""", """{"a":3,"b":2}""")]
    [InlineData("""{"1":1,"\u0031":2,"x":{"y":1,"y":[{"z":0,"1":1}]}}""", """{"1":2,"x":{"y":[{"1":1,"z":0}]}}""")]
    [InlineData("""{"__proto__":1}""", """{"__proto__":1}""")]
    [InlineData("[1.50, 1E2, 1e21, 1e-7, 0.000001, -0, -0.0, 0e10]", "[1.5,100,1e+21,1e-7,0.000001,0,0,0]")]
    [InlineData("[1e400, -1e400, 1e-400, -1e-400]", "[null,null,0,0]")]
    [InlineData("[9007199254740993, 123456789012345678901234567890, 18446744073709551615]", "[9007199254740992,1.2345678901234568e+29,18446744073709552000]")]
    [InlineData("[0.1, 0.30000000000000004, 5e-324, 1.7976931348623157e308, 123e-20, 999999999999999999999]", "[0.1,0.30000000000000004,5e-324,1.7976931348623157e+308,1.23e-18,1e+21]")]
    [InlineData("[100000000000000000000, 1.5e300, 2.5e-5, 4.35, 12345.6789e-3]", "[100000000000000000000,1.5e+300,0.000025,4.35,12.3456789]")]
    [InlineData("""["\u0041\u00e9\uD83D\uDE00\/\"\\"]""", "[\"Aé😀/\\\"\\\\\"]")]
    [InlineData("""["\u0000\u0001\u001F\u0008\u0009\u000a\u000C\u000d\u007f"]""", "[\"\\u0000\\u0001\\u001f\\b\\t\\n\\f\\r\u007f\"]")]
    [InlineData("""["\ud800", "\uDC00\uD800", "\uD83Dx", "\u2028\u2029"]""", "[\"\\ud800\",\"\\udc00\\ud800\",\"\\ud83dx\",\"\u2028\u2029\"]")]
    [InlineData("\"é中😀<>&\"", "\"é中😀<>&\"")]
    [InlineData("  true ", "true")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    public void Prints_what_JavaScript_prints(string json, string expected)
    {
        Assert.Equal(expected, JavaScriptJson.Stringify(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void Writes_the_same_bytes_it_returns_as_a_string()
    {
        var json = """{"z":[1.0,"é\u0001"],"0":true}"""u8;
        var output = new ArrayBufferWriter<byte>();

        JavaScriptJson.WriteTo(json, output);

        Assert.Equal(JavaScriptJson.Stringify(json), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Reorders_large_objects_with_repeated_keys_like_small_ones()
    {
        var members = Enumerable.Range(0, 40).Select(i => $"\"k{i % 25}\":{i}").Append("\"7\":0");
        var json = Encoding.UTF8.GetBytes("{" + string.Join(',', members) + "}");

        var expected = "{\"7\":0," + string.Join(',', Enumerable.Range(0, 25).Select(i => $"\"k{i}\":{(i < 15 ? i + 25 : i)}")) + "}";
        Assert.Equal(expected, JavaScriptJson.Stringify(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[01]")]
    [InlineData("{\"a\":1} x")]
    [InlineData("NaN")]
    [InlineData("\"tab\there\"")]
    [InlineData("\"\\x\"")]
    [InlineData("\uFEFF{}")]
    public void Refuses_what_JSON_parse_refuses(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JavaScriptJson.Stringify(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'"', 0xFF, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xC3, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })]
    [InlineData(new byte[] { (byte)'"', 0xC0, 0xAF, (byte)'"' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xF5, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    [InlineData(new byte[] { (byte)'"', (byte)'\\', (byte)'n', 0xFE, (byte)'"' })]
    public void Refuses_invalid_UTF_8_instead_of_replacing_it(byte[] json)
    {
        var error = Assert.ThrowsAny<JsonException>(() => JavaScriptJson.Stringify(json));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_nesting_up_to_the_limit_and_refuses_one_more()
    {
        static byte[] Nested(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));

        Assert.Equal(Encoding.ASCII.GetString(Nested(JavaScriptJson.MaxDepth)), JavaScriptJson.Stringify(Nested(JavaScriptJson.MaxDepth)));
        var error = Assert.ThrowsAny<JsonException>(() => JavaScriptJson.Stringify(Nested(JavaScriptJson.MaxDepth + 1)));
        Assert.Contains("deeper", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_messages_give_the_position_but_never_echo_the_input()
    {
        var error = Assert.ThrowsAny<JsonException>(() => JavaScriptJson.Stringify("{\"card\":\"4111\" SECRET}"u8));

        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'S'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.LineNumber);
        Assert.NotNull(error.BytePositionInLine);
    }
}
