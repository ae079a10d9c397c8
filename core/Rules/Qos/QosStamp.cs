namespace Netguard.Core.Rules.Qos;

/// <summary>A class and the <c>netguard.io/qos-source</c> that explains it.</summary>
public readonly record struct QosStamp(string Class, string Source);
