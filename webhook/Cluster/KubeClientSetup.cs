using Netguard.Core.Kube.Config;
using Netguard.Core.Kube.Errors;
using Netguard.Webhook.Hosting;

namespace Netguard.Webhook.Cluster;

/// <summary>
/// The API connection of the watch caches: --kubeconfig (its current context), else the pod's service
/// account. Problems become a one-line <see cref="StartupException"/>.
/// </summary>
public static class KubeClientSetup
{
    public static KubeClientOptions Options(string? kubeconfig, InClusterEnvironment inCluster)
    {
        ArgumentNullException.ThrowIfNull(inCluster);
        try
        {
            if (kubeconfig is not null)
            {
                if (!File.Exists(kubeconfig))
                {
                    throw new StartupException($"--kubeconfig {kubeconfig}: no such file");
                }

                return KubeClientOptionsBuilder.Build(KubeConfigLoader.LoadFile(kubeconfig), new KubeConfigOverrides());
            }

            if (!inCluster.IsInCluster)
            {
                throw new StartupException("not running in a cluster (KUBERNETES_SERVICE_HOST/PORT are not set): pass --kubeconfig FILE, or --offline to run without cluster state");
            }

            return KubeClientOptions.InCluster(inCluster);
        }
        catch (KubeException e)
        {
            throw new StartupException(e.Message.ReplaceLineEndings(" "), e);
        }
        catch (IOException e)
        {
            throw new StartupException($"cannot read the cluster credentials: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }
}
