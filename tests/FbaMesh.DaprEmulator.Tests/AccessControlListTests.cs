using FbaMesh.DaprEmulator.AccessControl;
using Xunit;

namespace FbaMesh.DaprEmulator.Tests;

/// <summary>
/// The policy evaluation against the cases of daprd's own pkg/acl and pkg/config tests (same policies,
/// callers and expected verdicts), so the emulator decides as daprd does.
/// </summary>
public sealed class AccessControlListTests
{
    /// <summary>daprd's test policies: global deny in trust domain "abcd", five app policies.</summary>
    private static readonly AccessControlSpec DaprdTestSpec = new(AccessControlList.Deny, "abcd",
    [
        new("app1", AccessControlList.Allow, "public", "ns1",
        [
            new("/op1", ["POST", "GET"], AccessControlList.Allow),
            new("/op2", ["*"], AccessControlList.Deny),
        ]),
        new("app2", AccessControlList.Deny, "domain1", "ns2",
        [
            new("/op3/a/*", ["PUT", "GET"], AccessControlList.Allow),
            new("/op4", ["POST"], AccessControlList.Allow),
        ]),
        new("app3", null, "domain1", "ns1",
        [
            new("/op5", ["POST"], AccessControlList.Allow),
        ]),
        new("app4", AccessControlList.Deny, "domain1", "ns2",
        [
            new("/op6", [], AccessControlList.Allow),
            new("/op7/a/b/*", [], AccessControlList.Allow),
            new("/op7/a/b/c/f", [], AccessControlList.Allow),
            new("/op7/a/b*", [], AccessControlList.Allow),
            new("/op7/c/**", [], AccessControlList.Allow),
        ]),
        new("app1", AccessControlList.Allow, "public", "ns4",
        [
            new("/op6", ["*"], AccessControlList.Allow),
        ]),
    ]);

    [Theory]
    // caller trust domain, namespace, app id (null: no SPIFFE id), operation, verb, HTTP app?, verdict
    [InlineData("public", "ns1", "appX", "op1", "POST", true, false)] // no policy for the caller: global deny
    [InlineData("private", "ns1", "app1", "op1", "POST", true, false)] // trust domain differs: global deny
    [InlineData("public", "abcd", "app1", "op1", "POST", true, false)] // namespace differs: global deny
    [InlineData(null, null, null, "op1", "POST", true, false)] // no SPIFFE id: global deny
    [InlineData("public", "ns1", "app1", "opX", "POST", true, true)] // operation not listed: the app's default allow
    [InlineData("public", "ns1", "app1", "Op2", "POST", true, false)] // HTTP operations match case-insensitively
    [InlineData("domain1", "ns2", "app2", "op4", "PUT", true, false)] // verb not listed: the app's default deny
    [InlineData("domain1", "ns1", "app3", "op5", "PUT", true, false)] // verb not listed, no app default: global deny
    [InlineData("public", "ns1", "app1", "op2", "PUT", true, false)] // verb "*" denies every verb
    [InlineData("domain1", "ns2", "app2", "op4", "POST", true, true)] // the listed verb allows
    [InlineData("domain1", "ns2", "app2", "/op4", "POST", true, true)] // with or without the leading slash
    [InlineData("domain1", "ns2", "app2", "op4", "NONE", true, false)] // HTTP without a verb: the app's default
    [InlineData("domain1", "ns2", "app2", "/op3/a", "PUT", true, true)] // "/op3/a/*" covers "/op3/a"
    [InlineData("domain1", "ns2", "app2", "/OP4", "NONE", false, false)] // gRPC operations are case-sensitive
    [InlineData("domain1", "ns2", "app2", "/op3/b/b", "PUT", true, false)]
    [InlineData("domain1", "ns2", "app2", "/op3/a/b", "PUT", true, true)]
    [InlineData("domain1", "ns2", "app2", "op4", "NONE", false, true)] // gRPC ignores verbs
    [InlineData("domain1", "ns2", "app4", "op6", "NONE", false, true)]
    [InlineData("domain1", "ns2", "app4", "op7/a/b/c", "NONE", false, true)] // "*" matches one segment
    [InlineData("domain1", "ns2", "app4", "op7/a/b/c/d", "NONE", false, false)] // but not two
    [InlineData("domain1", "ns2", "app4", "op7/a/b/c/f", "NONE", false, true)]
    [InlineData("domain1", "ns2", "app4", "op7/a/bc", "NONE", false, true)] // "b*" matches within a segment
    [InlineData("domain1", "ns2", "app4", "op7/c/d/e", "NONE", false, true)] // "**" matches the rest
    public void Decides_as_daprd_for_its_own_test_cases(string? trustDomain, string? ns, string? appId, string operation, string verb, bool isHttp, bool allowed)
    {
        var acl = AccessControlList.From(DaprdTestSpec, isHttp)!;
        var caller = appId is null ? null : new WorkloadIdentity(trustDomain!, ns!, appId);

        Assert.Equal(allowed, acl.Allows(caller, operation, verb, isHttp));
    }

    [Fact]
    public void The_same_app_id_in_another_namespace_has_its_own_policy()
    {
        var acl = AccessControlList.From(DaprdTestSpec, isHttp: true)!;

        Assert.True(acl.Allows(new WorkloadIdentity("public", "ns4", "app1"), "op6", "PUT", isHttp: true));
        Assert.True(acl.Allows(new WorkloadIdentity("public", "ns4", "app1"), "op1", "DELETE", isHttp: true));
        Assert.False(acl.Allows(new WorkloadIdentity("public", "ns5", "app1"), "op6", "PUT", isHttp: true));
    }

    [Fact]
    public void Nothing_set_means_no_list_and_so_everyone_may_call()
    {
        Assert.Null(AccessControlList.From(null, isHttp: true));
        Assert.Null(AccessControlList.From(new AccessControlSpec(null, null, []), isHttp: true));
        Assert.Null(AccessControlList.From(new AccessControlSpec("", "", null), isHttp: false));
    }

    [Fact]
    public void Defaults_are_daprds_public_trust_domain_and_deny_once_policies_exist()
    {
        var withPolicies = AccessControlList.From(new AccessControlSpec(null, "public", [new("app1", null, "domain1", "ns1", [])]), isHttp: true)!;
        var noTrustDomain = AccessControlList.From(new AccessControlSpec(AccessControlList.Allow, null, null), isHttp: true)!;
        var onlyTrustDomain = AccessControlList.From(new AccessControlSpec(null, "example.org", null), isHttp: true)!;

        Assert.Equal(AccessControlList.Deny, withPolicies.DefaultAction);
        Assert.Equal("public", noTrustDomain.TrustDomain);
        Assert.Equal(AccessControlList.Deny, onlyTrustDomain.DefaultAction);
    }

    [Fact]
    public void Policies_without_trust_domain_namespace_or_app_id_are_refused_in_daprds_words()
    {
        var spec = new AccessControlSpec(AccessControlList.Deny, "public",
        [
            new("app1", AccessControlList.Allow, null, "ns1", [new("/op1", ["POST", "GET"], AccessControlList.Allow)]),
            new("app2", AccessControlList.Deny, "domain1", null, [new("/op4", ["POST"], AccessControlList.Allow)]),
            new("", AccessControlList.Deny, "domain1", null, []),
        ]);

        var error = Assert.Throws<InvalidDataException>(() => AccessControlList.From(spec, isHttp: true));

        Assert.Equal(
            "invalid access control spec. missing trustdomain for apps: [app1], missing namespace for apps: [app2 ], " +
            "missing app name on at least one of the app policies: true",
            error.Message);
    }

    [Fact]
    public void A_denial_names_the_callers_spiffe_id_the_operation_and_the_verb_as_daprd_does()
    {
        var caller = new WorkloadIdentity("public", "default", "order-enricher");

        Assert.Equal(
            "access control policy has denied access to id: spiffe://public/ns/default/order-enricher operation: /pkg.Service/Method verb: NONE",
            AccessControlList.Denial(caller, "/pkg.Service/Method", AccessControlList.NoVerb));
        Assert.Equal("access control policy has denied access to id:  operation: orders verb: POST", AccessControlList.Denial(null, "orders", "POST"));
    }

    [Theory]
    [InlineData("GET", "GET")]
    [InlineData("patch", "PATCH")]
    [InlineData("PROPFIND", "NONE")]
    public void Http_methods_become_daprds_verbs(string method, string verb) => Assert.Equal(verb, AccessControlList.VerbOf(method));

    [Theory]
    // daprd's wildcard cases: '*' matches any run of characters, the empty one included.
    [InlineData("/ABC", "/A*", true)]
    [InlineData("/ABC.a", "/A*", true)]
    [InlineData("/ABC", "/*C", true)]
    [InlineData("/ABC.a", "/*a", true)]
    [InlineData("/abcd", "/a*d", true)]
    [InlineData("/ABC.a", "/AB*.a", true)]
    [InlineData("/ABC", "/A*D", false)]
    [InlineData("/abc", "/ABC", false)]
    public void Segment_wildcards_match_as_daprds(string segment, string pattern, bool matches) =>
        Assert.Equal(matches, OperationTrie.Glob(segment, pattern));

    [Fact]
    public void The_first_rule_for_a_path_wins_covers_the_paths_below_it_and_a_multi_stage_wildcard_covers_its_parent()
    {
        var trie = new OperationTrie();
        var first = new OperationAction("/a/b", new Dictionary<string, string>(), AccessControlList.Allow);
        var second = new OperationAction("/a/b", new Dictionary<string, string>(), AccessControlList.Deny);
        var rest = new OperationAction("/c/**", new Dictionary<string, string>(), AccessControlList.Allow);
        trie.Add("/a/b", first);
        trie.Add("/a/b", second);
        trie.Add("/c/**", rest);

        Assert.Same(first, trie.Find("/a/b"));
        Assert.Same(rest, trie.Find("/c"));
        Assert.Same(rest, trie.Find("/c/d/e/f"));
        Assert.Same(first, trie.Find("/a/b/c"));
        Assert.Null(trie.Find("/a"));
        Assert.Null(trie.Find("/a/bc"));
    }

    [Theory]
    [InlineData("orders/123", "orders/123")]
    [InlineData("orders//123/", "orders/123")]
    [InlineData("/fbamesh.fulfillment.v1.FulfillmentOrders/SubmitFulfillmentOrder", "/fbamesh.fulfillment.v1.FulfillmentOrders/SubmitFulfillmentOrder")]
    [InlineData("a/../../secret", "secret")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("..", "")]
    [InlineData(".", "")]
    public void Methods_are_cleaned_as_daprd_cleans_them(string method, string cleaned)
    {
        Assert.Equal(cleaned, InvocationMethod.Normalize(method, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("orders?x=1", "method contains forbidden character: \"orders?x=1\"")]
    [InlineData("orders#x", "method contains forbidden character: \"orders#x\"")]
    [InlineData("ord\u0001ers", "method contains control character at position 3: \"ord\\x01ers\"")]
    public void Methods_with_reserved_or_control_characters_are_refused(string method, string reason)
    {
        Assert.Null(InvocationMethod.Normalize(method, out var error));
        Assert.Equal(reason, error);
    }
}
