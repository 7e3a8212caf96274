/* Graphics pipelines of the renderer (dynamic rendering): lit meshes, depth-tested lines,
 * lines on top (markers, witness lines) and the blended full-screen UI overlay. Shaders are
 * SPIR-V compiled by glslc at build time and embedded as C arrays. */
#include <string.h>

#include "render_internal.h"

static const uint32_t mesh_vert[] =
#include "mesh.vert.inc"
    ;
static const uint32_t mesh_frag[] =
#include "mesh.frag.inc"
    ;
static const uint32_t line_vert[] =
#include "line.vert.inc"
    ;
static const uint32_t line_frag[] =
#include "line.frag.inc"
    ;
static const uint32_t overlay_vert[] =
#include "overlay.vert.inc"
    ;
static const uint32_t overlay_frag[] =
#include "overlay.frag.inc"
    ;

static ct_status make_module(ct_vk_renderer *r, const uint32_t *code, size_t size, VkShaderModule *m,
                             ct_error *err) {
    VkShaderModuleCreateInfo ci = {VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
    ci.codeSize = size;
    ci.pCode = code;
    VK_CHECK_MSG(vkCreateShaderModule(r->device, &ci, NULL, m), "vkCreateShaderModule");
    return CT_OK;
}

typedef struct pipe_desc {
    const uint32_t *vs, *fs;
    size_t vs_size, fs_size;
    VkPrimitiveTopology topology;
    int vertex_kind;  /* 0 mesh (pos, normal), 1 line (pos, rgba), 2 none */
    int depth_test;
    int blend;
    VkPipelineLayout layout;
} pipe_desc;

static ct_status make_pipeline(ct_vk_renderer *r, const pipe_desc *d, VkPipeline *out, ct_error *err) {
    VkShaderModule vs = VK_NULL_HANDLE, fs = VK_NULL_HANDLE;
    ct_status st = make_module(r, d->vs, d->vs_size, &vs, err);
    if (st == CT_OK) st = make_module(r, d->fs, d->fs_size, &fs, err);
    if (st != CT_OK) {
        if (vs) vkDestroyShaderModule(r->device, vs, NULL);
        return st;
    }
    VkPipelineShaderStageCreateInfo stages[2] = {{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO},
                                                 {VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO}};
    stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
    stages[0].module = vs;
    stages[0].pName = "main";
    stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
    stages[1].module = fs;
    stages[1].pName = "main";

    VkVertexInputBindingDescription bind = {0, 0, VK_VERTEX_INPUT_RATE_VERTEX};
    VkVertexInputAttributeDescription attr[2];
    memset(attr, 0, sizeof attr);
    VkPipelineVertexInputStateCreateInfo vin = {VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
    if (d->vertex_kind == 0) {
        bind.stride = 6 * sizeof(float);
        attr[0] = (VkVertexInputAttributeDescription){0, 0, VK_FORMAT_R32G32B32_SFLOAT, 0};
        attr[1] = (VkVertexInputAttributeDescription){1, 0, VK_FORMAT_R32G32B32_SFLOAT, 3 * sizeof(float)};
    } else if (d->vertex_kind == 1) {
        bind.stride = sizeof(rv_line_vertex);
        attr[0] = (VkVertexInputAttributeDescription){0, 0, VK_FORMAT_R32G32B32_SFLOAT, 0};
        attr[1] = (VkVertexInputAttributeDescription){1, 0, VK_FORMAT_R32G32B32A32_SFLOAT, 3 * sizeof(float)};
    }
    if (d->vertex_kind != 2) {
        vin.vertexBindingDescriptionCount = 1;
        vin.pVertexBindingDescriptions = &bind;
        vin.vertexAttributeDescriptionCount = 2;
        vin.pVertexAttributeDescriptions = attr;
    }
    VkPipelineInputAssemblyStateCreateInfo ia = {VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
    ia.topology = d->topology;
    VkPipelineViewportStateCreateInfo vp = {VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
    vp.viewportCount = 1;
    vp.scissorCount = 1;
    VkPipelineRasterizationStateCreateInfo rs = {VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
    rs.polygonMode = VK_POLYGON_MODE_FILL;
    rs.cullMode = VK_CULL_MODE_NONE; /* meshes from CAD are not reliably closed or consistently wound */
    rs.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
    rs.lineWidth = 1.0f;
    VkPipelineMultisampleStateCreateInfo ms = {VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
    ms.rasterizationSamples = r->samples;
    VkPipelineDepthStencilStateCreateInfo ds = {VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
    ds.depthTestEnable = d->depth_test ? VK_TRUE : VK_FALSE;
    /* lines test depth against the meshes (drawn first) but write none: later lines (step
     * markers) are never hidden by earlier ones */
    ds.depthWriteEnable = d->depth_test && d->vertex_kind != 1 ? VK_TRUE : VK_FALSE;
    ds.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
    VkPipelineColorBlendAttachmentState cba;
    memset(&cba, 0, sizeof cba);
    cba.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT | VK_COLOR_COMPONENT_B_BIT |
                         VK_COLOR_COMPONENT_A_BIT;
    if (d->blend) {
        cba.blendEnable = VK_TRUE;
        cba.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
        cba.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
        cba.colorBlendOp = VK_BLEND_OP_ADD;
        cba.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
        cba.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
        cba.alphaBlendOp = VK_BLEND_OP_ADD;
    }
    VkPipelineColorBlendStateCreateInfo cb = {VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
    cb.attachmentCount = 1;
    cb.pAttachments = &cba;
    VkDynamicState dyn[2] = {VK_DYNAMIC_STATE_VIEWPORT, VK_DYNAMIC_STATE_SCISSOR};
    VkPipelineDynamicStateCreateInfo dy = {VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
    dy.dynamicStateCount = 2;
    dy.pDynamicStates = dyn;
    VkPipelineRenderingCreateInfo ri = {VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
    ri.colorAttachmentCount = 1;
    ri.pColorAttachmentFormats = &r->color_format;
    ri.depthAttachmentFormat = r->depth_format;

    VkGraphicsPipelineCreateInfo pi = {VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
    pi.pNext = &ri;
    pi.stageCount = 2;
    pi.pStages = stages;
    pi.pVertexInputState = &vin;
    pi.pInputAssemblyState = &ia;
    pi.pViewportState = &vp;
    pi.pRasterizationState = &rs;
    pi.pMultisampleState = &ms;
    pi.pDepthStencilState = &ds;
    pi.pColorBlendState = &cb;
    pi.pDynamicState = &dy;
    pi.layout = d->layout;
    VkResult vr = vkCreateGraphicsPipelines(r->device, VK_NULL_HANDLE, 1, &pi, NULL, out);
    vkDestroyShaderModule(r->device, vs, NULL);
    vkDestroyShaderModule(r->device, fs, NULL);
    VK_CHECK_MSG(vr, "vkCreateGraphicsPipelines");
    return CT_OK;
}

static ct_status make_layout(ct_vk_renderer *r, uint32_t push_size, const VkDescriptorSetLayout *set,
                             VkPipelineLayout *out, ct_error *err) {
    VkPushConstantRange pr = {VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0, push_size};
    VkPipelineLayoutCreateInfo li = {VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
    li.pushConstantRangeCount = push_size ? 1 : 0;
    li.pPushConstantRanges = &pr;
    li.setLayoutCount = set ? 1 : 0;
    li.pSetLayouts = set;
    VK_CHECK_MSG(vkCreatePipelineLayout(r->device, &li, NULL, out), "vkCreatePipelineLayout");
    return CT_OK;
}

ct_status rv_create_pipelines(ct_vk_renderer *r, ct_error *err) {
    /* overlay: one combined image sampler */
    VkDescriptorSetLayoutBinding b = {0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT,
                                      NULL};
    VkDescriptorSetLayoutCreateInfo dli = {VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
    dli.bindingCount = 1;
    dli.pBindings = &b;
    VK_CHECK_MSG(vkCreateDescriptorSetLayout(r->device, &dli, NULL, &r->overlay_dsl), "vkCreateDescriptorSetLayout");
    VkDescriptorPoolSize ps = {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
    VkDescriptorPoolCreateInfo dpi = {VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpi.maxSets = 1;
    dpi.poolSizeCount = 1;
    dpi.pPoolSizes = &ps;
    VK_CHECK_MSG(vkCreateDescriptorPool(r->device, &dpi, NULL, &r->overlay_pool), "vkCreateDescriptorPool");
    VkDescriptorSetAllocateInfo dai = {VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    dai.descriptorPool = r->overlay_pool;
    dai.descriptorSetCount = 1;
    dai.pSetLayouts = &r->overlay_dsl;
    VK_CHECK_MSG(vkAllocateDescriptorSets(r->device, &dai, &r->overlay_set), "vkAllocateDescriptorSets");
    VkSamplerCreateInfo si = {VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
    si.magFilter = VK_FILTER_NEAREST;
    si.minFilter = VK_FILTER_NEAREST;
    si.addressModeU = si.addressModeV = si.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
    VK_CHECK_MSG(vkCreateSampler(r->device, &si, NULL, &r->sampler), "vkCreateSampler");

    ct_status st = make_layout(r, 128, NULL, &r->mesh_layout, err);
    if (st == CT_OK) st = make_layout(r, 64, NULL, &r->line_layout, err);
    if (st == CT_OK) st = make_layout(r, 0, &r->overlay_dsl, &r->overlay_layout, err);
    if (st != CT_OK) return st;
    pipe_desc d = {mesh_vert, mesh_frag, sizeof mesh_vert, sizeof mesh_frag, VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST,
                   0, 1, 0, r->mesh_layout};
    st = make_pipeline(r, &d, &r->mesh_pipe, err);
    pipe_desc l = {line_vert, line_frag, sizeof line_vert, sizeof line_frag, VK_PRIMITIVE_TOPOLOGY_LINE_LIST,
                   1, 1, 1, r->line_layout};
    if (st == CT_OK) st = make_pipeline(r, &l, &r->line_pipe, err);
    l.depth_test = 0;
    if (st == CT_OK) st = make_pipeline(r, &l, &r->line_top_pipe, err);
    pipe_desc o = {overlay_vert, overlay_frag, sizeof overlay_vert, sizeof overlay_frag,
                   VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST, 2, 0, 1, r->overlay_layout};
    if (st == CT_OK) st = make_pipeline(r, &o, &r->overlay_pipe, err);
    return st;
}

void rv_destroy_pipelines(ct_vk_renderer *r) {
    VkPipeline *p[4] = {&r->mesh_pipe, &r->line_pipe, &r->line_top_pipe, &r->overlay_pipe};
    for (int i = 0; i < 4; i++)
        if (*p[i]) vkDestroyPipeline(r->device, *p[i], NULL), *p[i] = VK_NULL_HANDLE;
    VkPipelineLayout *l[3] = {&r->mesh_layout, &r->line_layout, &r->overlay_layout};
    for (int i = 0; i < 3; i++)
        if (*l[i]) vkDestroyPipelineLayout(r->device, *l[i], NULL), *l[i] = VK_NULL_HANDLE;
    if (r->sampler) vkDestroySampler(r->device, r->sampler, NULL);
    if (r->overlay_pool) vkDestroyDescriptorPool(r->device, r->overlay_pool, NULL);
    if (r->overlay_dsl) vkDestroyDescriptorSetLayout(r->device, r->overlay_dsl, NULL);
    r->sampler = VK_NULL_HANDLE;
    r->overlay_pool = VK_NULL_HANDLE;
    r->overlay_dsl = VK_NULL_HANDLE;
}
