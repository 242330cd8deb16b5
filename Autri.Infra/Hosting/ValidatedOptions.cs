namespace Autri.Infra.Hosting;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds and validates a section at start, for every host: a missing or invalid value stops the app with its
    /// name (<c>Configuration missing or invalid value for: Portal:PublicUrl</c>), and the bound value is returned
    /// so registration can depend on it.
    /// </summary>
    public static T AddValidatedOptions<T>(this IHostApplicationBuilder builder, string section) where T : class, new()
    {
        builder.Services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        var value = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var context = new ValidationContext(value);
        var results = new List<ValidationResult>();
        // TryValidateObject runs IValidatableObject.Validate only when every property is valid; run it anyway so one
        // start names every problem.
        if (!Validator.TryValidateObject(value, context, results, validateAllProperties: true) && value is IValidatableObject self)
            results.AddRange(self.Validate(context));
        if (results.Count > 0)
        {
            var names = results.SelectMany(r => r.MemberNames).Distinct().Select(m => $"{section}:{m}");
            throw new InvalidOperationException(
                $"Configuration missing or invalid value for: {string.Join(", ", names)} ({string.Join(" ", results.Select(r => r.ErrorMessage))})");
        }
        return value;
    }
}
