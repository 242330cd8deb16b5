using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Autri.Triggers.Tests;

/// <summary>
/// What infra-cdk deploys must bind here, by the rules of the managed dotnet runtime's loader
/// (Amazon.Lambda.RuntimeSupport UserCodeLoader/InvokeDelegateBuilder): the handler string names one method
/// (no overloads, private ones included), whose only parameter is System.IO.Stream and whose result is a
/// Stream or Task of one (no serializer needed), on a public class with a public parameterless constructor.
/// </summary>
public partial class LambdaContractTests
{
    private static readonly string TriggersConstruct = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra-cdk", "lib", "constructs", "triggers.ts"));

    [GeneratedRegex(@"'(?<assembly>[\w.]+)::(?<type>[\w.]+)::(?<method>\w+)'")]
    private static partial Regex HandlerString();

    public static TheoryData<string, string, string> Handlers()
    {
        var data = new TheoryData<string, string, string>();
        foreach (Match m in HandlerString().Matches(TriggersConstruct)) data.Add(m.Groups["assembly"].Value, m.Groups["type"].Value, m.Groups["method"].Value);
        return data;
    }

    [Fact]
    public void Infra_cdk_names_both_trigger_handlers()
    {
        Assert.Equal(
            [typeof(PostConfirmationFunction).FullName!, typeof(PreTokenGenerationFunction).FullName!],
            Handlers().Select(row => (string)row[1]).Order());
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public void Each_handler_string_binds_without_a_serializer(string assembly, string typeName, string methodName)
    {
        Assert.Equal(typeof(TriggerHost).Assembly.GetName().Name, assembly);
        var type = typeof(TriggerHost).Assembly.GetType(typeName);
        Assert.NotNull(type);
        Assert.True(type.IsPublic && type.IsClass && !type.IsAbstract && !type.IsGenericType);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));

        var flags = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var method = Assert.Single(type.GetMethods(flags), m => m.Name == methodName);
        Assert.Equal([typeof(Stream)], method.GetParameters().Select(p => p.ParameterType));
        Assert.Equal(typeof(Task<Stream>), method.ReturnType);
        Assert.NotNull(method.GetCustomAttribute<AsyncStateMachineAttribute>());
    }

    [Fact]
    public void The_environment_infra_cdk_sets_is_what_the_triggers_read()
    {
        foreach (var key in new[]
        {
            TriggerSettings.DbSecretArnKey, TriggerSettings.DbHostKey, TriggerSettings.DbPortKey, TriggerSettings.DbNameKey,
            TriggerSettings.AllowedEmailsParameterKey,
        })
            Assert.Contains(key + (key == TriggerSettings.AllowedEmailsParameterKey ? "'" : ":"), TriggersConstruct);
        Assert.Contains("AWS_LAMBDA_HANDLER_LOG_FORMAT: 'Unformatted'", TriggersConstruct);
        Assert.Contains("timeout: Duration.seconds(5)", TriggersConstruct);
        Assert.True(TriggerHost.DefaultBudget < TimeSpan.FromSeconds(5), "the budget must end before Lambda kills the invocation");
    }
}
