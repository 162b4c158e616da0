using Hall.Devices.Client;
using Hall.Devices.Gpio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hall.Devices.Evaluator;

public static class EvaluatorHostingExtensions
{
    /// <summary>The evaluator program: GPIO, the link to the box, the <c>Evaluator</c> settings and the evaluator worker.</summary>
    public static IHostApplicationBuilder AddEvaluator(this IHostApplicationBuilder builder)
    {
        builder.AddHallGpio();
        builder.AddHallDeviceClient();
        var provisioningFile = builder.Configuration[$"{DeviceClientOptions.SectionName}:{nameof(DeviceClientOptions.ProvisioningFile)}"];
        builder.Services.AddOptions<EvaluatorOptions>()
            .Bind(builder.Configuration.GetSection(EvaluatorOptions.SectionName))
            .PostConfigure(o => EvaluatorProvisioning.Apply(o, provisioningFile))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EvaluatorOptions>, EvaluatorOptionsValidator>());
        builder.Services.AddHostedService<EvaluatorWorker>();
        return builder;
    }
}
