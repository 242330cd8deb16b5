namespace Autri.AwsFake.Services;

/// <summary>
/// AWS Budgets answers from seeded budgets (objects of the model's <c>Budget</c> shape, checked on the way out)
/// and their notifications. The AccountId must be the fake's (otherwise AccessDeniedException); an unknown
/// budget name answers NotFoundException. An account without budgets lists none.
/// </summary>
public sealed class BudgetsFake(ServiceModel model, AwsFakeServer server) : IFakeService
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _budgets = [];
    private readonly Dictionary<string, JsonArray> _notifications = [];

    public ServiceModel Model { get; } = model;

    public void AddBudget(JsonObject budget, JsonArray? notifications = null)
    {
        lock (_gate)
        {
            _budgets.Add((JsonObject)budget.DeepClone());
            _notifications[budget["BudgetName"]!.GetValue<string>()] = (JsonArray?)notifications?.DeepClone() ?? [];
        }
    }

    public JsonNode? Handle(FakeRequest r)
    {
        if (r.Body.Str("AccountId") != server.AccountId)
            throw new AwsFakeException("AccessDeniedException", $"User: {server.CallerArn} is not authorized to perform: budgets:ViewBudget on resource: arn:aws:budgets::{r.Body.Str("AccountId")}:budget/*");
        lock (_gate)
        {
            switch (r.Operation)
            {
                case "DescribeBudgets":
                    return Page(_budgets.Select(b => b.DeepClone()).ToList(), "Budgets", r, 100, "budgets");
                case "DescribeNotificationsForBudget":
                    var name = r.Body.Str("BudgetName")!;
                    if (!_notifications.TryGetValue(name, out var notes))
                        throw new AwsFakeException("NotFoundException", $"Unable to get budget: {name} - the budget doesn't exist.");
                    return Page(notes.Select(n => n!.DeepClone()).ToList(), "Notifications", r, 100, "notes:" + name);
                default:
                    throw new AwsFakeException("UnsupportedByFake", $"The fake does not implement {r.Operation}");
            }
        }
    }

    private static JsonObject Page(List<JsonNode> all, string member, FakeRequest r, int defaultMax, string scope)
    {
        var max = (int)(r.Body.Long("MaxResults") ?? defaultMax);
        var offset = Json.ReadToken(r.Body.Str("NextToken"), scope, "InvalidNextTokenException");
        var result = new JsonObject { [member] = new JsonArray(all.Skip(offset).Take(max).ToArray()) };
        if (offset + max < all.Count) result["NextToken"] = Json.Token(offset + max, scope);
        return result;
    }
}
