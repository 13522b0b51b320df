namespace FbaMesh.Crystallize.CoreApi;

/// <summary>
/// The operations sent to the Core API. The mutations are the ones Crystallize's JS client 7.4.0 sends
/// from its order manager (update → updateOrder(id, input), putInPipelineStage →
/// updateOrderPipelineStage(orderId, pipelineId, stageId)), with the same union selection
/// (<c>... on Order</c>, <c>... on BasicError { errorName message }</c>), written with variables.
/// </summary>
internal static class CoreApiOperations
{
    public const string GetOrderName = "FBAMESH_ORDER_META";

    public const string GetOrder = """
        query FBAMESH_ORDER_META($id: ID!) {
          order(id: $id) {
            __typename
            ... on Order { id meta { key value } pipelines { pipelineId stageId } }
            ... on BasicError { errorName message }
          }
        }
        """;

    public const string UpdateMetaName = "FBAMESH_UPDATE_ORDER_META";

    public const string UpdateMeta = """
        mutation FBAMESH_UPDATE_ORDER_META($id: ID!, $input: UpdateOrderInput!) {
          updateOrder(id: $id, input: $input) {
            __typename
            ... on Order { id meta { key value } pipelines { pipelineId stageId } }
            ... on BasicError { errorName message }
          }
        }
        """;

    public const string MoveToStageName = "FBAMESH_UPDATE_ORDER_PIPELINE_STAGE";

    public const string MoveToStage = """
        mutation FBAMESH_UPDATE_ORDER_PIPELINE_STAGE($orderId: ID!, $pipelineId: ID!, $stageId: ID!) {
          updateOrderPipelineStage(orderId: $orderId, pipelineId: $pipelineId, stageId: $stageId) {
            __typename
            ... on Order { id meta { key value } pipelines { pipelineId stageId } }
            ... on BasicError { errorName message }
          }
        }
        """;
}
