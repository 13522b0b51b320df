namespace FbaMesh.Crystallize.CoreApi;

/// <summary>
/// The operations sent to the Core API. The mutations are the ones Crystallize's JS client 7.4.0 sends
/// from its order manager (update → updateOrder(id, input), putInPipelineStage →
/// updateOrderPipelineStage(orderId, pipelineId, stageId)), with the same union selection
/// (<c>... on Order</c>, <c>... on BasicError { errorName message }</c>), written with variables; the
/// listing pages the <c>orders</c> connection as the JS client's order fetcher does.
/// </summary>
public static class CoreApiOperations
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

    public const string CreatedOrdersName = "FBAMESH_CREATED_ORDERS";

    /// <summary>One page of the orders created since $from, oldest first; ids and times only, so no personal data is read.</summary>
    public const string CreatedOrders = """
        query FBAMESH_CREATED_ORDERS($first: Int, $after: String, $from: DateTime!) {
          orders(first: $first, after: $after, filter: {createdAt: {from: $from}}) {
            ... on OrderConnection {
              pageInfo { hasNextPage endCursor }
              edges { node { id createdAt } }
            }
            ... on BasicError { errorName message }
          }
        }
        """;
}
